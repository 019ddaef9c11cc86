/**
 * Issue 9: the README's demo did not work as written (`connect` needed the password on a pipe,
 * nothing set $SATORI_BOOTSTRAP_TOKEN, ports changed on every emulator start). This runs the
 * demo block, taken from README.md as it stands, with bash against `npm run emulators`, with
 * `keyturn` on PATH as `npm link` puts it; then restarts the emulators and uses the same
 * connection again.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorsProcess, type EmulatorsProcess } from '../emulators/emulators-process';
import { baseEnv, BIN, ensureBuilt, keyturn, ROOT, tempDir, type RunResult } from './harness';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const home = tempDir('demo');
const emulatorsDir = join(home, '.emulators');
const binDir = join(home, 'bin');
const tmp = join(home, 'tmp');
let emulators: EmulatorsProcess;

/** The first `sh` block of "Try it without accounts" that runs `keyturn init`. */
function demoBlock(): string {
  const section = README.slice(README.indexOf('## Try it without accounts'));
  const block = [...section.matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? '')
    .find((text) => text.includes('keyturn init'));
  if (block === undefined) throw new Error('README.md has no demo block');
  return block;
}

const shellEnv = (): NodeJS.ProcessEnv =>
  baseEnv({ PATH: `${binDir}:${process.env.PATH ?? ''}`, TMPDIR: tmp, HOME: home });

/** Runs text as a bash script (errexit, nounset, pipefail) in the demo's folder. */
function bash(script: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd: home, env: shellEnv(), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end();
  });
}

/** The vault the demo made (under its mktemp folder) and the password it set. */
function demoVault(): { KEYTURN_VAULT: string; KEYTURN_PASSWORD: string } {
  const [folder] = readdirSync(tmp);
  const password = /KEYTURN_PASSWORD='([^']*)'/.exec(demoBlock())?.[1];
  if (folder === undefined || password === undefined) throw new Error('the demo left no vault');
  return { KEYTURN_VAULT: join(tmp, folder, 'demo.db'), KEYTURN_PASSWORD: password };
}

async function satoriKeys(): Promise<{ id: string; name: string }[]> {
  const response = await fetch(`${emulators.variables.KEYTURN_EMULATORS ?? ''}/satori/keys`);
  return (await response.json()) as { id: string; name: string }[];
}

beforeAll(async () => {
  await ensureBuilt();
  mkdirSync(binDir);
  mkdirSync(tmp);
  symlinkSync(BIN, join(binDir, 'keyturn')); // what `npm link` makes
  emulators = await startEmulatorsProcess(emulatorsDir);
}, 120_000);

afterAll(async () => {
  await emulators.stop();
});

describe('the README demo', () => {
  it('runs as written against npm run emulators, a rotation getting through two provider failures', async () => {
    const result = await bash(demoBlock());
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Recovery key: ');
    const jwt = result.stdout.split('\n').find((line) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(line));
    expect(jwt).toBeDefined();
    expect(result.stdout).toMatch(/acme\/prod\/ci\s+satori/);

    const vault = demoVault();
    const current = (await keyturn(['get', 'acme/prod/ci'], { env: vault })).stdout.trim();
    const claims = JSON.parse(Buffer.from(current.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      token_id: string;
    };
    const live = (await satoriKeys()).filter((k) => k.name !== 'bootstrap');
    expect(live.map((k) => k.id)).toEqual([claims.token_id]);

    const history = JSON.parse((await keyturn(['history', 'acme/prod/ci', '--json'], { env: vault })).stdout) as {
      status: string;
    }[];
    expect(history.map((v) => v.status).sort()).toEqual(['current', 'revoked', 'revoked']);
    const requests = (await (await fetch(`${emulators.variables.KEYTURN_EMULATORS ?? ''}/satori/requests`)).json()) as {
      method: string;
    }[];
    // One revoke for the first rotation; three for the second (503, 503, then done).
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(4);
  }, 300_000);

  it('keeps the connection working after the emulators restart', async () => {
    const before = emulators.variables;
    await emulators.stop();
    emulators = await startEmulatorsProcess(emulatorsDir);
    expect(emulators.variables).toEqual(before);
    const vault = demoVault();
    const created = await keyturn(['create', 'acme/prod/after-restart'], { env: vault });
    expect({ code: created.code, stderr: created.stderr }).toMatchObject({ code: 0 });
    expect((await keyturn(['verify', 'acme/prod/after-restart'], { env: vault })).code).toBe(0);
  }, 120_000);
});
