/**
 * The launcher's fast path (bin/keyturn.cjs → out/cli/keyturn-app.cjs): `keyturn get` through the
 * app without loading the full CLI bundle, printing exactly what the full CLI prints.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLinkFixture, LINK_SECRETS, type LinkFixture } from '../support/app-link-fixture';
import { baseEnv, ensureBuilt, keyturn, ROOT, type RunResult } from './harness';

const REPORT = { KEYTURN_CODE_CACHE: 'report' };
const STRIPE = LINK_SECRETS['acme/prod/stripe'] ?? '';

let fixture: LinkFixture | null = null;
beforeAll(ensureBuilt);
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

/** The full CLI bundle run as the launcher runs it, with the fast path skipped. */
function fullCli(args: readonly string[], env: Record<string, string>): Promise<RunResult> {
  const launch = `process.argv = [process.argv[0], 'keyturn', ...JSON.parse(process.env.ARGS)];
require(${JSON.stringify(join(ROOT, 'bin', 'load-cli.cjs'))}).launch(${JSON.stringify(join(ROOT, 'out', 'cli', 'keyturn.cjs'))}, 'keyturn');`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', launch], {
      env: baseEnv({ ...env, ARGS: JSON.stringify(args) }),
      cwd: ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('the keyturn get fast path', () => {
  it('answers through the app without loading the full CLI bundle', async () => {
    fixture = await startLinkFixture();
    const result = await keyturn(['get', 'acme/prod/stripe'], { env: { ...fixture.env, ...REPORT } });
    expect(result).toMatchObject({ code: 0, stdout: `${STRIPE}\n`, stderr: '' });
  });

  it('steps aside when there is no app: the full CLI runs and unlocks directly', async () => {
    fixture = await startLinkFixture();
    await fixture.link.close();
    const result = await keyturn(['get', 'acme/prod/stripe'], { env: { ...fixture.env, ...REPORT } });
    expect(result.stderr).toMatch(/^keyturn code cache: (used|rejected)\n/);
    expect(result.stderr).toMatch(/No password/);
  });

  it('steps aside for options it does not handle, and for other commands', async () => {
    fixture = await startLinkFixture();
    const help = await keyturn(['get', '--help'], { env: { ...fixture.env, ...REPORT } });
    expect(help.stdout).toMatch(/^keyturn get REF/);
    expect(help.stderr).toMatch(/keyturn code cache/);
    const env = await keyturn(['env', 'acme/prod'], { env: { ...fixture.env, ...REPORT } });
    expect(env.stderr).toMatch(/keyturn code cache/);
    expect(env.stdout).toContain(STRIPE);
  });

  it('prints what the full CLI prints: values, JSON, errors and exit codes', async () => {
    fixture = await startLinkFixture();
    const app = fixture;
    const cases: (readonly string[])[] = [
      ['get', 'acme/prod/stripe'],
      ['get', 'keyturn://acme/staging/stripe', '--json'],
      ['--json', 'get', 'acme/prod/missing'],
      ['get', 'acme/prod/missing'],
    ];
    for (const args of cases) {
      const fast = await keyturn(args, { env: app.env });
      const full = await fullCli(args, app.env);
      expect({ args, ...fast, signal: null }).toEqual({ args, ...full, signal: null });
    }
    app.session.lock('user');
    for (const args of [cases[0] ?? [], cases[1] ?? []]) {
      const fast = await keyturn(args, { env: app.env });
      expect(fast).toEqual(await fullCli(args, app.env));
      expect(fast.code).toBe(3);
    }
  });
});
