import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, initVault, keyturn, tempDir, type RunOptions } from './harness';

const PASSWORD = 'run-test password';
const SECRET = 'sk_run_secret_7f3a9c1e5b';
const OTHER = 'db-password-with spaces & $dollars';
const dir = tempDir('run');
const vault = join(dir, 'vault.db');
const asUser: RunOptions = { env: { KEYTURN_VAULT: vault, KEYTURN_PASSWORD: PASSWORD } };
const sha = (v: string): string => createHash('sha256').update(v).digest('hex');

/** The child reports hashes, never values, plus whether its parent's initial environment holds the secret. */
const PROBE = `
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const h = (v) => v === undefined ? null : createHash('sha256').update(v).digest('hex');
let parentEnvHasSecret = null;
try { parentEnvHasSecret = readFileSync('/proc/' + process.ppid + '/environ', 'latin1').includes(${JSON.stringify(SECRET)}); } catch {}
const master = process.env.KEYTURN_PASSWORD ?? process.env.KEYTURN_BACKUP_PASSWORD ?? process.env.KEYTURN_NEW_PASSWORD ?? null;
console.log(JSON.stringify({ api: h(process.env.API_KEY), db: h(process.env.DB_PASS), plain: process.env.PLAIN ?? null, master, parentEnvHasSecret }));
`;

beforeAll(async () => {
  await ensureBuilt();
  await initVault(asUser, ['acme/prod']);
  expect((await keyturn(['add', 'acme/prod/api'], { ...asUser, stdin: `${SECRET}\n` })).code).toBe(0);
  expect((await keyturn(['add', 'acme/prod/db'], { ...asUser, stdin: `${OTHER}\n` })).code).toBe(0);
});

describe('keyturn run', () => {
  it('gives the child its secrets and keeps them out of our stdout and environment', async () => {
    const result = await keyturn(
      [
        'run',
        '--env',
        'API_KEY=acme/prod/api',
        '--env',
        'DB_PASS=keyturn://acme/prod/db',
        '--',
        process.execPath,
        '-e',
        PROBE,
      ],
      { env: { ...asUser.env, KEYTURN_BACKUP_PASSWORD: 'backup pass', KEYTURN_NEW_PASSWORD: 'new pass' } },
    );
    expect(result.code).toBe(0);
    const seen: unknown = JSON.parse(result.stdout);
    expect(seen).toEqual({
      api: sha(SECRET),
      db: sha(OTHER),
      plain: null,
      master: null,
      parentEnvHasSecret: process.platform === 'linux' ? false : null,
    });
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    expect(result.stdout + result.stderr).not.toContain(OTHER);
  });

  it('reads an env file mixing keyturn:// references and plain values', async () => {
    const file = join(dir, 'app.env');
    writeFileSync(
      file,
      `# app config\nexport API_KEY=keyturn://acme/prod/api\nDB_PASS="keyturn://acme/prod/db"\nPLAIN='not secret'\n`,
    );
    const result = await keyturn(['run', '--dotenv', file, '--', process.execPath, '-e', PROBE], asUser);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ api: sha(SECRET), db: sha(OTHER), plain: 'not secret' });
  });

  it('passes the exit code of the command through', async () => {
    for (const code of [0, 3, 7, 42]) {
      const result = await keyturn(
        ['run', '--env', 'API_KEY=acme/prod/api', '--', process.execPath, '-e', `process.exit(${code})`],
        asUser,
      );
      expect(result.code).toBe(code);
    }
  });

  it('passes a signal that killed the command through', async () => {
    const result = await keyturn(
      ['run', '--env', 'API_KEY=acme/prod/api', '--', process.execPath, '-e', "process.kill(process.pid, 'SIGTERM')"],
      asUser,
    );
    expect(result.signal).toBe('SIGTERM');
  });

  it('forwards a signal sent to keyturn to the command', async () => {
    const { spawn } = await import('node:child_process');
    const { BIN, baseEnv } = await import('./harness');
    const child = spawn(
      process.execPath,
      [
        BIN,
        'run',
        '--',
        process.execPath,
        '-e',
        "process.on('SIGTERM', () => { console.log('child got SIGTERM'); process.exit(9); }); console.log('ready'); setInterval(() => {}, 1000);",
      ],
      { env: baseEnv(asUser.env), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready')) resolve();
      }),
    );
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(out).toContain('child got SIGTERM');
    expect(code).toBe(9);
  });

  it('refuses bad bindings and unknown references before running anything', async () => {
    const marker = join(dir, 'ran');
    const touch = ['--', process.execPath, '-e', `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x')`];
    expect((await keyturn(['run', '--env', 'not a binding', ...touch], asUser)).code).toBe(2);
    expect((await keyturn(['run', '--env', 'X=acme/prod/missing', ...touch], asUser)).code).toBe(4);
    expect((await keyturn(['run', '--dotenv', join(dir, 'absent.env'), ...touch], asUser)).code).toBe(4);
    expect((await keyturn(['run', '--env', 'X=acme/prod/api'], asUser)).code).toBe(2);
    const { existsSync } = await import('node:fs');
    expect(existsSync(marker)).toBe(false);
  });
});
