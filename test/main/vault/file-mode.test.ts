/**
 * Issue 9: vault.db (and its -wal and -shm) were created 0644 in a 0755 folder, so any local user
 * could copy the file and attack the password offline. New vaults are owner-only; an existing
 * vault others can read is tightened on open, and the caller hears it once.
 */
import { chmodSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVault, openVault } from '../../../src/main/vault/index';
import { tempDir } from '../../support/temp-dir';
import { TEST_KDF_POLICY } from '../../support/vault-policy';

const PASSWORD = 'file-mode password';
const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

function newVault(path: string): void {
  const { vault } = createVault(path, PASSWORD, { policy: TEST_KDF_POLICY, kdf: 'floor' });
  const tenant = vault.addTenant('acme');
  vault.addEnvironment(tenant.id, 'prod', 'production');
  vault.lock();
}

describe.runIf(process.platform !== 'win32')('vault file modes', () => {
  it('creates the vault, its -wal and -shm 0600 and its missing folders 0700, whatever the umask', () => {
    const previous = process.umask(0o022);
    try {
      const root = tempDir('modes');
      const path = join(root, 'Keyturn', 'nested', 'vault.db');
      const { vault } = createVault(path, PASSWORD, { policy: TEST_KDF_POLICY, kdf: 'floor' });
      vault.addTenant('acme');
      expect(existsSync(`${path}-wal`)).toBe(true);
      expect({
        db: modeOf(path),
        wal: modeOf(`${path}-wal`),
        shm: modeOf(`${path}-shm`),
        folder: modeOf(join(root, 'Keyturn', 'nested')),
        parent: modeOf(join(root, 'Keyturn')),
      }).toEqual({ db: '600', wal: '600', shm: '600', folder: '700', parent: '700' });
      vault.lock();
    } finally {
      process.umask(previous);
    }
  });

  it('tightens an existing vault others can read when it is opened, and says so once', () => {
    const path = join(tempDir('loose'), 'vault.db');
    newVault(path);
    const open = openVault(path, { policy: TEST_KDF_POLICY });
    open.unlock(PASSWORD).addTenant('keeps -wal and -shm around');
    for (const suffix of ['', '-wal', '-shm']) chmodSync(path + suffix, 0o644);

    const notices: string[] = [];
    const again = openVault(path, { policy: TEST_KDF_POLICY, onNotice: (m) => notices.push(m) });
    expect([modeOf(path), modeOf(`${path}-wal`), modeOf(`${path}-shm`)]).toEqual(['600', '600', '600']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('vault.db, vault.db-wal, vault.db-shm');
    expect(notices[0]).toContain('readable by you only');
    expect(notices[0]).toContain('0644');
    again.unlock(PASSWORD).listTenants();
    again.close();
    open.close();

    const third = openVault(path, { policy: TEST_KDF_POLICY, onNotice: (m) => notices.push(m) });
    third.close();
    expect(notices).toHaveLength(1);
  });

  it('refuses to create over an existing file and leaves that file alone', () => {
    const path = join(tempDir('exists'), 'vault.db');
    newVault(path);
    chmodSync(path, 0o640);
    expect(() => createVault(path, PASSWORD, { policy: TEST_KDF_POLICY, kdf: 'floor' })).toThrow(
      expect.objectContaining({ code: 'VAULT_EXISTS' }),
    );
    expect(modeOf(path)).toBe('640');
  });
});
