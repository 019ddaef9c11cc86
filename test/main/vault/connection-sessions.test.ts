import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { openVault } from '../../../src/main/vault/index';
import type { Vault } from '../../../src/main/vault/types';
import { thrownCode } from '../../support/thrown-code';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault } from '../../support/vault-temp';

const SESSION =
  '{"access":{"token":"kqzsession-access","expiresAt":1},"refresh":{"token":"kqzsession-refresh","expiresAt":2}}';

function connect(vault: Vault, environment: string): string {
  const tenant = vault.findTenant('acme') ?? vault.addTenant('acme');
  const env = vault.addEnvironment(tenant.id, environment, 'production');
  return vault.addConnection({
    tenantId: tenant.id,
    environmentId: env.id,
    provider: 'syfthub',
    baseUrl: 'https://hub.example',
    settings: {},
    credential: { kind: 'password', username: 'u', password: 'pw-kqz' },
  }).id;
}

describe('a connection’s kept session', () => {
  it('is sealed on disk, outlives the process, and goes with the connection', () => {
    const t = createTempVault();
    const id = connect(t.vault, 'prod');
    expect(t.vault.readConnectionSession(id)).toBeNull();
    t.vault.writeConnectionSession(id, SESSION);
    t.vault.lock();
    for (const name of readdirSync(t.dir)) expect(readFileSync(join(t.dir, name)).includes('kqzsession')).toBe(false);
    const again = openVault(t.path, { policy: TEST_KDF_POLICY }).unlock(t.password);
    expect(again.readConnectionSession(id)).toBe(SESSION);
    again.writeConnectionSession(id, null);
    expect(again.readConnectionSession(id)).toBeNull();
    again.writeConnectionSession(id, SESSION);
    again.removeConnection(id);
    expect(thrownCode(() => again.readConnectionSession(id))).toBe('NOT_FOUND');
    again.lock();
    const db = new Database(t.path, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'connection-session/%'").get()).toEqual({
      n: 0,
    });
    db.close();
  });

  it('is dropped when the credential or the URL changes, kept when only settings do', () => {
    const t = createTempVault();
    const id = connect(t.vault, 'prod');
    t.vault.writeConnectionSession(id, SESSION);
    t.vault.updateConnection(id, { settings: { scopes: 'write' } });
    expect(t.vault.readConnectionSession(id)).toBe(SESSION);
    t.vault.updateConnection(id, { baseUrl: 'https://other.example' });
    expect(t.vault.readConnectionSession(id)).toBeNull();
    t.vault.writeConnectionSession(id, SESSION);
    t.vault.updateConnection(id, { credential: { kind: 'token', token: 'syft_pat_x' } });
    expect(t.vault.readConnectionSession(id)).toBeNull();
  });

  it('cannot be moved to another connection, and is out of reach of the settings API', () => {
    const t = createTempVault();
    const a = connect(t.vault, 'prod');
    const b = connect(t.vault, 'staging');
    t.vault.writeConnectionSession(a, SESSION);
    t.vault.writeConnectionSession(b, '{"other":true}');
    t.vault.lock();
    const db = new Database(t.path);
    const sealed = db.prepare('SELECT value FROM settings WHERE key = ?').get(`connection-session/${a}`) as {
      value: Buffer;
    };
    db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(sealed.value, `connection-session/${b}`);
    db.close();
    const again = openVault(t.path, { policy: TEST_KDF_POLICY }).unlock(t.password);
    expect(thrownCode(() => again.readConnectionSession(b))).toBe('VAULT_CORRUPT');
    expect(thrownCode(() => again.getSetting(`connection-session/${a}`))).toBe('INVALID_INPUT');
    expect(thrownCode(() => again.writeConnectionSession(a, ''))).toBe('INVALID_INPUT');
    again.lock();
  });
});
