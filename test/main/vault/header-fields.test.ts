/**
 * What a bad header is told apart by: each refusal names the field that is wrong, and the
 * recovery wrap's key derivation and the wrapping key's zeroing are pinned (a recovery key
 * written down years ago must still open the vault; a wrapping key must not outlive its use).
 */
import Database from 'better-sqlite3';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomKey } from '../../../src/main/vault/crypto';
import { planPasswordWrap, recoveryWrapKey, sealPasswordWrap } from '../../../src/main/vault/header';
import { openVault } from '../../../src/main/vault/index';
import { KeyturnError } from '../../../src/shared/errors';
import { tempDir } from '../../support/temp-dir';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault } from '../../support/vault-temp';

function refusal(work: () => unknown): string {
  try {
    work();
    return 'OPENED';
  } catch (cause) {
    if (cause instanceof KeyturnError) return `${cause.code}: ${cause.message}`;
    throw cause;
  }
}

const invalid = (what: string): string => `VAULT_HEADER_INVALID: The vault header is invalid: ${what}`;

describe('a bad vault header', () => {
  it('is refused naming what is wrong', () => {
    const t = createTempVault();
    t.vault.lock();
    const params = (raw: Database.Database, kind: string): Record<string, unknown> =>
      JSON.parse(raw.prepare('SELECT params FROM key_wraps WHERE kind = ?').pluck().get(kind) as string) as Record<
        string,
        unknown
      >;
    const setParams = (raw: Database.Database, kind: string, value: unknown): void => {
      raw
        .prepare('UPDATE key_wraps SET params = ? WHERE kind = ?')
        .run(typeof value === 'string' ? value : JSON.stringify(value), kind);
    };
    const setId = (id: string) => (raw: Database.Database) =>
      raw.prepare("UPDATE meta SET value = ? WHERE key = 'vault_id'").run(id);
    const sixteen = 'AbCdEfGhIjKlMn_-';
    const cases: [string, (raw: Database.Database) => unknown, string][] = [
      ['tables missing', (raw) => raw.exec('DROP TABLE key_wraps'), invalid('tables missing')],
      [
        'format',
        (raw) => raw.prepare("UPDATE meta SET value = 'other' WHERE key = 'format'").run(),
        invalid('unknown format'),
      ],
      ['vault id missing', (raw) => raw.prepare("DELETE FROM meta WHERE key = 'vault_id'").run(), invalid('vault id')],
      ['vault id with a bad first character', setId(`!${sixteen}`), invalid('vault id')],
      ['vault id with a bad last character', setId(`${sixteen}!`), invalid('vault id')],
      ['vault id too short', setId(sixteen.slice(1)), invalid('vault id')],
      [
        'a wrap missing',
        (raw) => raw.prepare("DELETE FROM key_wraps WHERE kind = 'password'").run(),
        invalid('a key wrap is missing'),
      ],
      [
        // The table is STRICT; a file rewritten without it can hold a wrap whose sealed value is text.
        'a wrap row of the wrong types',
        (raw) =>
          raw.exec(`CREATE TABLE loose (kind, params, sealed); INSERT INTO loose SELECT * FROM key_wraps;
            DROP TABLE key_wraps; ALTER TABLE loose RENAME TO key_wraps;
            UPDATE key_wraps SET sealed = 'text' WHERE kind = 'password'`),
        invalid('a key wrap is malformed'),
      ],
      ['password params not JSON', (raw) => setParams(raw, 'password', '{'), invalid('password parameters')],
      [
        'password params of another shape',
        (raw) => setParams(raw, 'password', { ...params(raw, 'password'), extra: 1 }),
        invalid('password parameters'),
      ],
      ['recovery params not JSON', (raw) => setParams(raw, 'recovery', '['), invalid('recovery parameters')],
      [
        'recovery params of another kind',
        (raw) => setParams(raw, 'recovery', { ...params(raw, 'recovery'), alg: 'argon2id' }),
        invalid('recovery parameters'),
      ],
      [
        'recovery salt too short',
        (raw) => setParams(raw, 'recovery', { alg: 'hkdf-sha256', salt: 'AAAAAAAAAAA' }),
        invalid('recovery salt'),
      ],
    ];
    for (const [name, damage, expected] of cases) {
      const copy = join(tempDir('header'), 'vault.db');
      const raw = new Database(t.path);
      raw.prepare('VACUUM INTO ?').run(copy);
      raw.close();
      const target = new Database(copy);
      damage(target);
      target.close();
      expect({ name, refusal: refusal(() => openVault(copy, { policy: TEST_KDF_POLICY })) }).toEqual({
        name,
        refusal: expected,
      });
    }
    expect(refusal(() => openVault(t.path, { policy: TEST_KDF_POLICY }).close())).toBe('OPENED');
  });

  it('is not called "tables missing" when SQLite finds the header damaged: that is a damaged vault', () => {
    const t = createTempVault();
    t.vault.lock();
    const copy = join(tempDir('header'), 'vault.db');
    const raw = new Database(t.path);
    raw.prepare('VACUUM INTO ?').run(copy);
    raw.close();
    const target = new Database(copy);
    const pageSize = target.pragma('page_size', { simple: true }) as number;
    const root = target.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'meta'").pluck().get() as number;
    target.close();
    // The meta table's page is garbage; page 1 (the schema and user_version) is intact.
    const bytes = readFileSync(copy);
    bytes.fill(0x5a, (root - 1) * pageSize, root * pageSize);
    writeFileSync(copy, bytes);
    expect(refusal(() => openVault(copy, { policy: TEST_KDF_POLICY }))).toMatch(/^VAULT_CORRUPT: /);
  });
});

describe('key wraps', () => {
  it('derive the recovery wrapping key with HKDF-SHA256 and the info keyturn/v1/recovery-wrap', () => {
    const recovery = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
    const salt = Uint8Array.from({ length: 16 }, (_, i) => i * 3);
    const expected = hkdf(sha256, recovery, salt, new TextEncoder().encode('keyturn/v1/recovery-wrap'), 32);
    expect(recoveryWrapKey(recovery, salt)).toEqual(expected);
  });

  it('zero the password wrapping key once the vault key is sealed, and when sealing fails', () => {
    const plan = planPasswordWrap(TEST_KDF_POLICY.floor);
    const wrapKey = randomKey();
    sealPasswordWrap('AbCdEfGhIjKlMn_-', randomKey(), plan, wrapKey);
    expect(wrapKey.every((byte) => byte === 0)).toBe(true);
    const shortKey = randomKey().subarray(0, 31);
    expect(() => sealPasswordWrap('AbCdEfGhIjKlMn_-', randomKey(), plan, shortKey)).toThrow();
    expect(shortKey.every((byte) => byte === 0)).toBe(true);
  });
});
