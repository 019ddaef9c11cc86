import { parse } from 'dotenv';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, initVault, keyturn, tempDir, type RunOptions } from './harness';
import * as s from './schemas';

const PASSWORD = 'import-export password';
const dir = tempDir('impexp');
const asUser: RunOptions = { env: { KEYTURN_VAULT: join(dir, 'vault.db'), KEYTURN_PASSWORD: PASSWORD } };
const ENV_FILE = [
  '# service credentials',
  'export STRIPE_KEY=sk_live_abcdef0123456789',
  'DB_URL="postgres://u:p@localhost/db?ssl=true"',
  "SINGLE='quoted # not a comment'",
  'PEM="-----BEGIN KEY-----\\nAAAA\\nBBBB\\n-----END KEY-----"',
  'SPACED = padded value   # trailing comment',
  'EMPTY=',
  'WEIRD="has \'single\' quotes and a \\"double\\""',
  '',
].join('\n');

async function ok(args: string[], options: RunOptions = asUser): Promise<{ stdout: string; stderr: string }> {
  const result = await keyturn(args, options);
  expect({ args, code: result.code, stderr: result.stderr }).toMatchObject({ args, code: 0 });
  return result;
}

beforeAll(async () => {
  await ensureBuilt();
  await initVault(asUser, ['acme/dev']);
  writeFileSync(join(dir, 'app.env'), ENV_FILE);
});

describe('.env import and export, and encrypted backups', () => {
  it('imports a .env file with the values the dotenv package reads', async () => {
    const counts = s.parseJson(
      s.importOutput,
      (await ok(['import', join(dir, 'app.env'), '--into', 'acme/dev', '--json'])).stdout,
    );
    const expected = Object.fromEntries(Object.entries(parse(ENV_FILE)).filter(([, v]) => v !== ''));
    expect(counts).toEqual({ added: Object.keys(expected).length, updated: 0, skipped: 0 });
    const stored = s.parseJson(s.envJson, (await ok(['env', 'acme/dev', '--json'])).stdout);
    expect(stored).toEqual(expected);
    const again = s.parseJson(
      s.importOutput,
      (await ok(['import', join(dir, 'app.env'), '--into', 'acme/dev', '--json'])).stdout,
    );
    expect(again).toEqual({ added: 0, updated: 0, skipped: Object.keys(expected).length });
  });

  it('keeps the first variable of a file that starts with a byte order mark, as dotenv does', async () => {
    await ok(['env', 'add', 'acme/bom']);
    const file = join(dir, 'bom.env');
    writeFileSync(file, '\uFEFFFIRST=one\r\n\u00A0SECOND=\u00A0two\r\n');
    const counts = s.parseJson(s.importOutput, (await ok(['import', file, '--into', 'acme/bom', '--json'])).stdout);
    expect(counts).toEqual({ added: 2, updated: 0, skipped: 0 });
    expect(s.parseJson(s.envJson, (await ok(['env', 'acme/bom', '--json'])).stdout)).toEqual({
      ...parse(readFileSync(file, 'utf8')),
    });
  });

  it('overwrites on request, keeping the old value as the previous version', async () => {
    writeFileSync(join(dir, 'new.env'), 'STRIPE_KEY=sk_live_rotated_999999999\n');
    const counts = s.parseJson(
      s.importOutput,
      (await ok(['import', join(dir, 'new.env'), '--into', 'acme/dev', '--overwrite', '--json'])).stdout,
    );
    expect(counts).toEqual({ added: 0, updated: 1, skipped: 0 });
    expect((await ok(['get', 'acme/dev/STRIPE_KEY'])).stdout).toBe('sk_live_rotated_999999999\n');
    const versions = s.parseJson(s.versionList, (await ok(['history', 'acme/dev/STRIPE_KEY', '--json'])).stdout);
    expect(versions.map((v) => v.status).sort()).toEqual(['current', 'previous']);
  });

  it('exports a .env that dotenv reads back to the same values, with a warning on stderr', async () => {
    const stored = s.parseJson(s.envJson, (await ok(['env', 'acme/dev', '--json'])).stdout);
    const exported = await ok(['export', 'acme/dev']);
    expect(exported.stderr).toMatch(/Warning: \d+ secrets exported in clear text/);
    expect({ ...parse(exported.stdout) }).toEqual(stored);
    const out = join(dir, 'out.env');
    await ok(['export', 'acme/dev', '--format', 'shell', '--out', out]);
    expect(readFileSync(out, 'utf8')).toContain("export STRIPE_KEY='sk_live_rotated_999999999'");
    const audited = async (): Promise<number> =>
      s
        .parseJson(s.auditList, (await ok(['audit', '--json', '--limit', '1000'])).stdout)
        .filter((e) => e.action === 'export').length;
    const exportsBefore = await audited();
    const contents = readFileSync(out, 'utf8');
    const refused = await keyturn(['export', 'acme/dev', '--out', out], asUser);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`keyturn: ${out} exists; not overwriting it\n`);
    expect(readFileSync(out, 'utf8')).toBe(contents);
    expect(await audited()).toBe(exportsBefore);
    const wrongPassword = await keyturn(['export', 'acme/dev', '--out', join(dir, 'never.env')], {
      env: { ...asUser.env, KEYTURN_PASSWORD: 'not the password' },
    });
    expect(wrongPassword.code).toBe(3);
    expect(existsSync(join(dir, 'never.env'))).toBe(false);
    console.log(`${Object.keys(stored).length} variables round-tripped through export and dotenv`);
  });

  it('writes an encrypted backup and restores it into another vault', async () => {
    const backup = join(dir, 'vault.backup');
    const withPass = { env: { ...asUser.env, KEYTURN_BACKUP_PASSWORD: 'backup passphrase' } };
    await ok(['export', '--backup', backup], withPass);
    const text = readFileSync(backup, 'utf8');
    expect(text).not.toContain('sk_live_rotated_999999999');
    expect(text).not.toContain('STRIPE_KEY');

    const other = { env: { KEYTURN_VAULT: join(tempDir('restore'), 'vault.db'), KEYTURN_PASSWORD: 'other password' } };
    await ok(['init', '--kdf', 'floor'], other);
    const wrong = await keyturn(['import', '--backup', backup, '--json'], {
      env: { ...other.env, KEYTURN_BACKUP_PASSWORD: 'nope' },
    });
    expect(wrong.code).toBe(3);
    expect(s.parseJson(s.errorOutput, wrong.stderr).error.code).toBe('VAULT_WRONG_PASSWORD');
    await ok(['import', '--backup', backup], { ...other, stdin: 'backup passphrase\n' });
    expect((await ok(['get', 'acme/dev/STRIPE_KEY'], other)).stdout).toBe('sk_live_rotated_999999999\n');
    expect(s.parseJson(s.envJson, (await ok(['env', 'acme/dev', '--json'], other)).stdout)).toEqual(
      s.parseJson(s.envJson, (await ok(['env', 'acme/dev', '--json'])).stdout),
    );
  });
});
