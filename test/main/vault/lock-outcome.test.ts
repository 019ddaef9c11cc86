import { describe, expect, it } from 'vitest';
import { KeyturnError } from '../../../src/shared/errors';
import { openDatabase } from '../../../src/main/vault/database';
import { SqliteVaultFile } from '../../../src/main/vault/vault-file';
import { openVault } from '../../../src/main/vault/index';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault } from '../../support/vault-temp';

describe('lock after the change', () => {
  it('zeroes the keys and reports a warning, without throwing, when its audit entry cannot be written', () => {
    const t = createTempVault();
    const env = t.vault.addEnvironment(t.vault.addTenant('acme').id, 'prod', 'production');
    t.vault.lock();
    // The vault on a connection whose file may not grow (SQLITE_FULL, as on a full disk).
    const db = openDatabase(t.path, true);
    const file = new SqliteVaultFile(t.path, db, TEST_KDF_POLICY, Date.now);
    const vault = file.unlock(t.password);
    const added = vault.addToken({
      environmentId: env.id,
      label: 'added-before-the-disk-filled',
      kind: 'api-key',
      provider: 'manual',
      secret: 'committed',
    });
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
    // Fill the audit log's last page with entries the size of a lock entry, until one does not fit.
    let full: KeyturnError | null = null;
    for (let i = 0; i < 10_000 && full === null; i++) {
      try {
        vault.audit('copy', null, '');
      } catch (cause) {
        if (!(cause instanceof KeyturnError)) throw cause;
        full = cause;
      }
    }
    expect(full?.code).toBe('VAULT_DISK_FULL');
    const outcome = vault.lock();
    expect(outcome).toEqual({
      recorded: false,
      warning: `The vault is locked, but its audit log could not record the lock: The disk is full: free some space; nothing was changed (${t.path})`,
    });
    expect(vault.isLocked).toBe(true);
    expect(() => vault.listTokens()).toThrow('The vault is locked');
    file.close();
    const again = openVault(t.path, { policy: TEST_KDF_POLICY }).unlock(t.password);
    expect(again.openSecret(added.id)).toBe('committed');
    expect(again.lock()).toEqual({ recorded: true });
  });
});
