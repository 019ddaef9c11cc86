import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/vault/migrations';
import { createVault, openVault, PRODUCTION_KDF_POLICY } from '../../../src/main/vault/index';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault } from '../../support/vault-temp';
import { tempDir } from '../../support/temp-dir';
import { thrownCode } from '../../support/thrown-code';

function withRaw(path: string, fn: (raw: Database.Database) => void): void {
  const raw = new Database(path);
  fn(raw);
  raw.close();
}

function passwordParams(raw: Database.Database): Record<string, unknown> {
  return JSON.parse(
    (raw.prepare("SELECT params FROM key_wraps WHERE kind = 'password'").get() as { params: string }).params,
  ) as Record<string, unknown>;
}

function setPasswordParams(raw: Database.Database, params: Record<string, unknown> | string): void {
  raw
    .prepare("UPDATE key_wraps SET params = ? WHERE kind = 'password'")
    .run(typeof params === 'string' ? params : JSON.stringify(params));
}

describe('vault header', () => {
  it('refuses each changed header field with the right error', () => {
    const t = createTempVault();
    t.vault.lock();
    const open = (): string => thrownCode(() => openVault(t.path, { policy: TEST_KDF_POLICY }).unlock(t.password));
    const cases: [string, (raw: Database.Database) => void, string][] = [
      [
        'format',
        (r) => r.prepare("UPDATE meta SET value = 'other' WHERE key = 'format'").run(),
        'VAULT_HEADER_INVALID',
      ],
      [
        'vault id',
        (r) => r.prepare("UPDATE meta SET value = 'AAAAAAAAAAAAAAAA' WHERE key = 'vault_id'").run(),
        'VAULT_WRONG_PASSWORD',
      ],
      ['params json', (r) => setPasswordParams(r, '{not json'), 'VAULT_HEADER_INVALID'],
      ['algorithm', (r) => setPasswordParams(r, { ...passwordParams(r), alg: 'argon2i' }), 'VAULT_HEADER_INVALID'],
      [
        'memory within bounds',
        (r) => setPasswordParams(r, { ...passwordParams(r), memoryKiB: 512 }),
        'VAULT_WRONG_PASSWORD',
      ],
      [
        'passes within bounds',
        (r) => setPasswordParams(r, { ...passwordParams(r), passes: 2 }),
        'VAULT_WRONG_PASSWORD',
      ],
      [
        'memory below floor',
        (r) => setPasswordParams(r, { ...passwordParams(r), memoryKiB: 8 }),
        'VAULT_KDF_OUT_OF_BOUNDS',
      ],
      [
        'memory above ceiling',
        (r) => setPasswordParams(r, { ...passwordParams(r), memoryKiB: 4 * 1024 * 1024 }),
        'VAULT_KDF_OUT_OF_BOUNDS',
      ],
      [
        'passes above ceiling',
        (r) => setPasswordParams(r, { ...passwordParams(r), passes: 1000 }),
        'VAULT_KDF_OUT_OF_BOUNDS',
      ],
      [
        'parallelism zero',
        (r) => setPasswordParams(r, { ...passwordParams(r), parallelism: 0 }),
        'VAULT_KDF_OUT_OF_BOUNDS',
      ],
      [
        'salt changed',
        (r) => setPasswordParams(r, { ...passwordParams(r), salt: 'AAAAAAAAAAAAAAAAAAAAAA' }),
        'VAULT_WRONG_PASSWORD',
      ],
      ['salt too short', (r) => setPasswordParams(r, { ...passwordParams(r), salt: 'AAAA' }), 'VAULT_HEADER_INVALID'],
      ['wrap missing', (r) => r.prepare("DELETE FROM key_wraps WHERE kind = 'recovery'").run(), 'VAULT_HEADER_INVALID'],
      ['schema too new', (r) => r.pragma('user_version = 99'), 'VAULT_TOO_NEW'],
      ['schema zero', (r) => r.pragma('user_version = 0'), 'VAULT_HEADER_INVALID'],
    ];
    const results: Record<string, string> = {};
    for (const [name, mutate, expected] of cases) {
      const copy = join(tempDir(), 'vault.db');
      withRaw(t.path, (raw) => raw.exec(`VACUUM INTO '${copy}'`));
      withRaw(copy, mutate);
      results[name] = thrownCode(() => openVault(copy, { policy: TEST_KDF_POLICY }).unlock(t.password));
      expect([name, results[name]]).toEqual([name, expected]);
    }
    expect(open()).toBe('OPENED');
    console.log(`${cases.length} header mutations, ${cases.length} refused with the expected code`);
  });

  it('refuses out-of-bounds KDF parameters before running the KDF', () => {
    const t = createTempVault();
    t.vault.lock();
    withRaw(t.path, (raw) => setPasswordParams(raw, { ...passwordParams(raw), memoryKiB: 2 ** 31 }));
    const started = performance.now();
    expect(thrownCode(() => openVault(t.path, { policy: TEST_KDF_POLICY }))).toBe('VAULT_KDF_OUT_OF_BOUNDS');
    // a 2 TiB Argon2 run would have thrown or taken forever; also the production floor refuses test params
    expect(performance.now() - started).toBeLessThan(5_000);
    const cheap = createTempVault();
    cheap.vault.lock();
    expect(thrownCode(() => openVault(cheap.path))).toBe('VAULT_KDF_OUT_OF_BOUNDS');
  });

  it('creates at exactly the policy floor with kdf floor and tells the file version', () => {
    const path = join(tempDir(), 'vault.db');
    const { vault } = createVault(path, 'pw', { policy: TEST_KDF_POLICY, kdf: 'floor' });
    vault.lock();
    withRaw(path, (raw) => {
      expect(passwordParams(raw)).toMatchObject({ alg: 'argon2id', memoryKiB: 256, passes: 1, parallelism: 1 });
      expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    });
    expect(thrownCode(() => createVault(path, 'pw', { policy: TEST_KDF_POLICY }))).toBe('VAULT_EXISTS');
    expect(thrownCode(() => openVault(join(tempDir(), 'missing.db')))).toBe('VAULT_NOT_FOUND');
    expect(PRODUCTION_KDF_POLICY.floor).toEqual({ memoryKiB: 65536, passes: 3, parallelism: 1 });
  });

  it('migrates an older file inside a transaction after a backup copy', () => {
    const t = createTempVault();
    const tenant = t.vault.addTenant('Acme');
    t.vault.lock();
    withRaw(t.path, (raw) => {
      raw.exec('DROP INDEX tokens_last_used; ALTER TABLE tokens DROP COLUMN last_used_at;');
      raw.exec('DROP TABLE unlock_failures; DROP INDEX tokens_expiry; DROP INDEX journal_open;');
      raw.pragma('user_version = 1');
    });
    const file = openVault(t.path, { policy: TEST_KDF_POLICY });
    expect(existsSync(`${t.path}.v1.bak`)).toBe(true);
    expect(file.summary().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(file.unlock(t.password).listTenants()).toEqual([tenant]);
    file.close();
  });
});
