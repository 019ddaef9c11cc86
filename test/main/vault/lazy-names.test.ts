/**
 * Tenant and environment names are opened on first need, not at unlock: a `get` (find by blind
 * index, open one secret) costs the same with 1 or 200 tenants, and one damaged name does not
 * stop the tokens of other tenants from being used. Listing names still refuses the damage.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openVault } from '../../../src/main/vault/index';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault } from '../../support/vault-temp';
import { thrownCode } from '../../support/thrown-code';

describe('names opened on first need', () => {
  it('finds and opens a token while another tenant’s sealed name is damaged', () => {
    const t = createTempVault();
    const good = t.vault.addTenant('good');
    const bad = t.vault.addTenant('bad');
    const env = t.vault.addEnvironment(good.id, 'production', 'production');
    t.vault.addEnvironment(bad.id, 'production', 'production');
    t.vault.addToken({ environmentId: env.id, label: 'api', kind: 'api-key', provider: 'manual', secret: 'sk_one' });
    t.vault.lock();

    const raw = new Database(t.path);
    const sealed = (raw.prepare('SELECT name FROM tenants WHERE id = ?').get(bad.id) as { name: Buffer }).name;
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 0x01;
    raw.prepare('UPDATE tenants SET name = ? WHERE id = ?').run(flipped, bad.id);
    raw.close();

    const file = openVault(t.path, { policy: TEST_KDF_POLICY });
    const vault = file.unlock(t.password);
    const token = vault.findToken('good', 'production', 'api');
    expect(token?.label).toBe('api');
    expect(vault.openSecret(token?.id ?? '')).toBe('sk_one');
    expect(thrownCode(() => vault.listTenants())).toBe('VAULT_CORRUPT');
    expect(thrownCode(() => vault.findTenant('good'))).toBe('VAULT_CORRUPT');
    vault.lock();
    file.close();
  });

  it('sees names another connection added after this one loaded them', () => {
    const t = createTempVault();
    t.vault.addTenant('first');
    expect(t.vault.listTenants().map((x) => x.name)).toEqual(['first']);

    const other = openVault(t.path, { policy: TEST_KDF_POLICY });
    const peer = other.unlock(t.password);
    const second = peer.addTenant('second');
    peer.addEnvironment(second.id, 'staging', 'staging');
    peer.lock();
    other.close();

    expect(
      t.vault
        .listTenants()
        .map((x) => x.name)
        .sort(),
    ).toEqual(['first', 'second']);
    expect(t.vault.findEnvironment(second.id, 'staging')?.kind).toBe('staging');
    const added = t.vault.addTenant('third');
    expect(t.vault.findTenant('third')?.id).toBe(added.id);
    t.vault.lock();
  });
});
