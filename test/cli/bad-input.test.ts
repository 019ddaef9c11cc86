import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, initVault, hashDir, keyturn, ROOT, tempDir, type RunOptions } from './harness';
import * as s from './schemas';

const PASSWORD = 'bad-input password';
const dir = tempDir('bad');
const vault = join(dir, 'vault.db');
const asUser: RunOptions = { env: { KEYTURN_VAULT: vault, KEYTURN_PASSWORD: PASSWORD } };

/** Everything a user can see in the vault: it must not change when a command is refused. */
async function contents(): Promise<string> {
  const parts: string[] = [];
  for (const args of [['tenant', 'ls'], ['env', 'ls'], ['ls'], ['history', 'acme/prod/api']]) {
    const result = await keyturn([...args, '--json'], asUser);
    expect(result.code).toBe(0);
    parts.push(result.stdout);
  }
  return parts.join('\n');
}

async function refused(args: string[], options: RunOptions, exit: number, code: string): Promise<void> {
  const result = await keyturn([...args, '--json'], options);
  expect({ args, exit: result.code }).toEqual({ args, exit });
  const error = s.parseJson(s.errorOutput, result.stderr).error;
  expect({ args, code: error.code }).toEqual({ args, code });
  expect(result.stdout).toBe('');
  const human = await keyturn(args, options);
  expect(human.stderr.trim().split('\n')).toHaveLength(1);
  expect(human.stderr).toMatch(/^keyturn: /);
}

beforeAll(async () => {
  await ensureBuilt();
  await initVault(asUser, ['acme/prod']);
  expect((await keyturn(['add', 'acme/prod/api'], { ...asUser, stdin: 'sk_bad_input_secret\n' })).code).toBe(0);
});

/** A limit from the work, not the clock: each `keyturn` process derives the key (Argon2id). */
const PER_PROCESS_MS = 8_000;

describe('bad input', () => {
  it('refuses malformed references and usage mistakes before touching the vault file', async () => {
    const before = hashDir(dir);
    for (const ref of [
      'acme',
      'acme/prod',
      '/prod/api',
      'acme//api',
      'keyturn://acme/prod',
      'keyturn://acme/prod/%E0%A4%A',
    ]) {
      await refused(['get', ref], asUser, 2, 'INVALID_INPUT');
    }
    // A secret pasted where a reference belongs is not echoed back.
    const pasted = await keyturn(['get', 'sk_live_pasted_by_mistake_123456'], asUser);
    expect(pasted.code).toBe(2);
    expect(pasted.stderr).not.toContain('sk_live_pasted');
    await refused(['add', 'acme/prod/x', '--expires', 'someday'], asUser, 2, 'INVALID_INPUT');
    await refused(['add', 'acme/prod/x', '--expires', '99999999d'], asUser, 2, 'INVALID_INPUT');
    await refused(['import', join(dir, 'x.env')], asUser, 2, 'INVALID_INPUT');
    await refused(['ls', '--status', 'weird'], asUser, 2, 'INVALID_INPUT');
    expect(hashDir(dir)).toBe(before);
  });

  it('refuses a "/" in tenant and environment names with the vault contents unchanged', async () => {
    const before = await contents();
    await refused(['tenant', 'add', 'acme/eu'], asUser, 2, 'INVALID_INPUT');
    await refused(['env', 'add', 'keyturn://acme/prod%2Feu'], asUser, 2, 'INVALID_INPUT');
    const human = await keyturn(['tenant', 'add', 'acme/eu'], asUser);
    expect(human.stderr).toContain('must not contain "/"');
    expect(await contents()).toBe(before);
  });

  it('refuses unreadable import files before touching the vault file', async () => {
    const before = hashDir(dir);
    await refused(['import', join(dir, 'missing.env'), '--into', 'acme/prod'], asUser, 4, 'NOT_FOUND');
    const folder = join(dir, 'a-folder.env');
    mkdirSync(folder);
    await refused(['import', folder, '--into', 'acme/prod'], asUser, 1, 'VAULT_IO');
    expect(hashDir(dir)).toBe(before);
    const emptyFile = join(tempDir('empty'), 'empty.env');
    writeFileSync(emptyFile, '# nothing here\n');
    await refused(['import', emptyFile, '--into', 'acme/prod'], asUser, 2, 'INVALID_INPUT');
  });

  // 8 contents() reads + 7 refusals × 2 runs + 1 audit read: 23 processes, each deriving the key.
  it(
    'refuses unknown references and wrong passwords with the vault contents unchanged',
    { timeout: 23 * PER_PROCESS_MS },
    async () => {
      const before = await contents();
      await refused(['get', 'acme/prod/nope'], asUser, 4, 'NOT_FOUND');
      await refused(['get', 'nobody/prod/api'], asUser, 4, 'NOT_FOUND');
      await refused(['rotate', 'acme/staging/api'], asUser, 4, 'NOT_FOUND');
      await refused(['add', 'acme/nowhere/x'], { ...asUser, stdin: 'value\n' }, 4, 'NOT_FOUND');
      await refused(
        ['get', 'acme/prod/api'],
        { env: { KEYTURN_VAULT: vault, KEYTURN_PASSWORD: 'wrong' } },
        3,
        'VAULT_WRONG_PASSWORD',
      );
      await refused(
        ['tenant', 'add', 'evil'],
        { env: { KEYTURN_VAULT: vault, KEYTURN_PASSWORD: 'wrong' } },
        3,
        'VAULT_WRONG_PASSWORD',
      );
      await refused(['ls'], { env: { KEYTURN_VAULT: vault } }, 3, 'VAULT_LOCKED');
      expect(await contents()).toBe(before);
      const audit = s.parseJson(s.auditList, (await keyturn(['audit', '--json', '--limit', '200'], asUser)).stdout);
      expect(audit.filter((e) => e.action === 'unlock-failed').length).toBeGreaterThanOrEqual(4);
    },
  );

  it('explains refusals in sentences, without internal names', async () => {
    const fresh = { env: { KEYTURN_VAULT: join(tempDir('short'), 'vault.db'), KEYTURN_PASSWORD: 'short' } };
    const short = await keyturn(['init', '--kdf', 'floor'], fresh);
    expect(short).toMatchObject({
      code: 2,
      stderr: 'keyturn: The master password is too short: use at least 8 characters.\n',
    });
    const limit = await keyturn(['audit', '--limit', '200000'], asUser);
    expect(limit).toMatchObject({ code: 2, stderr: 'keyturn: The number of rows must be at most 100000.\n' });
    const big = join(tempDir('big'), 'big.env');
    writeFileSync(big, `SMALL=1\nBIG=${'x'.repeat(70_000)}\n`);
    const tooBig = await keyturn(['import', big, '--into', 'acme/prod'], asUser);
    expect(tooBig).toMatchObject({
      code: 2,
      stderr: `keyturn: The value of BIG in ${big} is too long: at most 65536 characters\n`,
    });
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await keyturn(['--version'])).toMatchObject({ code: 0, stdout: `keyturn ${version.version}\n` });
  });

  it('says the vault is missing with exit 4, names its path, suggests init and creates nothing', async () => {
    const nowhere = join(tempDir('missing'), 'sub', 'vault.db');
    const human = await keyturn(['ls'], { env: { KEYTURN_VAULT: nowhere, KEYTURN_PASSWORD: PASSWORD } });
    expect(human.stderr).toBe(
      `keyturn: No vault at ${nowhere}: create one with \`keyturn init\`, or point --vault or KEYTURN_VAULT at yours\n`,
    );
    expect((await keyturn(['status'], { env: { KEYTURN_VAULT: nowhere } })).stderr).toBe(human.stderr);
    await refused(
      ['get', 'acme/prod/api'],
      { env: { KEYTURN_VAULT: nowhere, KEYTURN_PASSWORD: PASSWORD } },
      4,
      'VAULT_NOT_FOUND',
    );
    await refused(['status'], { env: { KEYTURN_VAULT: nowhere } }, 4, 'VAULT_NOT_FOUND');
    expect(existsSync(join(nowhere, '..'))).toBe(false);
  });

  it('refuses a vault written by a newer version and leaves it untouched', async () => {
    const newerDir = tempDir('newer');
    const newer = join(newerDir, 'vault.db');
    const checkpoint = new Database(vault);
    checkpoint.pragma('wal_checkpoint(TRUNCATE)');
    checkpoint.close();
    copyFileSync(vault, newer);
    const db = new Database(newer);
    const version = Number(db.pragma('user_version', { simple: true }));
    db.pragma(`user_version = ${version + 1}`);
    db.close();
    const before = hashDir(newerDir);
    const env = { KEYTURN_VAULT: newer, KEYTURN_PASSWORD: PASSWORD };
    await refused(['get', 'acme/prod/api'], { env }, 1, 'VAULT_TOO_NEW');
    await refused(['status'], { env }, 1, 'VAULT_TOO_NEW');
    await refused(['tenant', 'add', 'x'], { env }, 1, 'VAULT_TOO_NEW');
    expect(hashDir(newerDir)).toBe(before);
    console.log(`schema ${version + 1} refused by a schema-${version} CLI; file hash unchanged`);
  });
});
