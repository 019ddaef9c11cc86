/**
 * Locking drops every key from memory by zeroing the arrays (DESIGN §2 "Locking"): a reference
 * the process still holds, in a closure or a heap snapshot, must show zeros afterwards.
 */
import { describe, expect, it } from 'vitest';
import { thrownCode } from '../../support/thrown-code';
import { adoptHoldingKey, unlockHoldingKeys } from '../../support/held-keys';
import { createTempVault } from '../../support/vault-temp';

const isZero = (bytes: Uint8Array): boolean => bytes.every((byte) => byte === 0);

function lockedVaultWithToken(): { path: string; password: string; tokenId: string } {
  const t = createTempVault();
  const tenant = t.vault.addTenant('Acme');
  const env = t.vault.addEnvironment(tenant.id, 'prod', 'production');
  const token = t.vault.addToken({
    environmentId: env.id,
    label: 'ci',
    kind: 'api-key',
    provider: 'manual',
    secret: 'sk-held',
  });
  t.vault.lock();
  return { path: t.path, password: t.password, tokenId: token.id };
}

describe('lock', () => {
  it('zeroes the vault key and every purpose key the unlocked vault used', () => {
    const made = lockedVaultWithToken();
    const held = unlockHoldingKeys(made.path, made.password);
    // The held arrays are the live keys: the vault opens its secrets with them.
    expect(held.vault.openSecret(made.tokenId)).toBe('sk-held');
    const named = Object.entries(held.keys);
    expect(named.map(([name]) => name).sort()).toEqual(['audit', 'index', 'records', 'vaultKey']);
    for (const [name, key] of named)
      expect({ name, length: key.length, zero: isZero(key) }).toEqual({ name, length: 32, zero: false });

    held.vault.lock();

    for (const [name, key] of named) expect({ name, zero: isZero(key) }).toEqual({ name, zero: true });
    expect(thrownCode(() => held.vault.openSecret(made.tokenId))).toBe('VAULT_LOCKED');
    held.db.close();
  });

  it('zeroes the vault key of every vault still unlocked when the file is closed', () => {
    const made = lockedVaultWithToken();
    const { file, vaultKey } = adoptHoldingKey(made.path, made.password);
    expect(isZero(vaultKey)).toBe(false);
    file.close();
    expect(isZero(vaultKey)).toBe(true);
  });
});
