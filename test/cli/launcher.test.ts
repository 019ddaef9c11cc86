/**
 * Node 20 reads `--env-file FILE` anywhere on its command line, after the script too, and applies
 * a NODE_OPTIONS line from that file to its own process (issue 9): `keyturn run --env-file app.env`
 * with `NODE_OPTIONS=--require ./evil.cjs` in app.env ran evil.cjs inside the process that holds
 * the master password. The launcher's shebang ends Node's options with `--`; keyturn's own option
 * is `--dotenv`. These tests start keyturn as a shell does (through the shebang) and prove the
 * evil file never runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { baseEnv, BIN, ensureBuilt, initVault, ROOT, tempDir } from './harness';

const dir = tempDir('launcher');
const marker = join(dir, 'evil-ran');
const evil = join(dir, 'evil.cjs');
const appEnv = join(dir, 'app.env');
const env = { KEYTURN_VAULT: join(dir, 'vault.db'), KEYTURN_PASSWORD: 'launcher password' };
const LINK = join(ROOT, 'node_modules', '.bin', 'keyturn');

/** Runs an executable as a shell would: the kernel reads its shebang. */
function exec(file: string, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(file, args, { cwd: dir, env: baseEnv(env), encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  await ensureBuilt();
  await initVault({ env }, ['acme/prod']);
  writeFileSync(evil, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, String(process.pid));\n`);
  writeFileSync(appEnv, `NODE_OPTIONS=--require ${evil}\nPLAIN=from-the-file\n`);
});

beforeEach(() => rmSync(marker, { force: true }));

describe('the keyturn launcher under Node 20', () => {
  it('never runs a NODE_OPTIONS --require from a file named by --env-file', () => {
    const touch = ['--', process.execPath, '-e', 'process.exit(0)'];
    for (const file of [BIN, LINK]) {
      for (const args of [
        ['run', '--env-file', appEnv, ...touch],
        ['run', `--env-file=${appEnv}`, ...touch],
        ['ls', '--env-file', appEnv],
      ]) {
        const result = exec(file, args);
        expect({ file, args, evil: existsSync(marker) }).toEqual({ file, args, evil: false });
        expect({ file, args, code: result.code }).toEqual({ file, args, code: 2 });
      }
    }
    const refused = exec(BIN, ['run', '--env-file', appEnv, ...touch]);
    expect(refused.stderr).toBe('keyturn: --env-file is an option of Node itself; use --dotenv FILE\n');
  });

  it('reads the same file with --dotenv into the command only', () => {
    // The file's NODE_OPTIONS reaches CMD, as every variable of the file does; keyturn's own
    // process never loads it. CMD here is a shell builtin, so nothing loads evil.cjs.
    const result = exec(BIN, ['run', '--dotenv', appEnv, '--', 'sh', '-c', 'printf %s "$PLAIN"']);
    expect(result).toMatchObject({ code: 0, stdout: 'from-the-file' });
    expect(existsSync(marker)).toBe(false);
  });
});
