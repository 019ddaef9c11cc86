/**
 * The app link end to end: the endpoint as main runs it (real vault file, real session, real
 * socket) and real `keyturn` processes (bin/keyturn.cjs, the shipped launcher) as its clients.
 * No test here gives a password: whatever a command prints, the app gave it.
 */
import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isPipeName } from '../../../src/main/app-link/endpoint-address';
import { readLinkKey } from '../../../src/main/app-link/link-proof';
import { BIN, ensureBuilt, keyturn, baseEnv, type RunResult } from '../../cli/harness';
import { startLinkFixture, LINK_PASSWORD, LINK_SECRETS, type LinkFixture } from '../../support/app-link-fixture';

const STRIPE = LINK_SECRETS['acme/prod/stripe'] ?? '';
const DB = LINK_SECRETS['acme/prod/db'] ?? '';
const STAGING = LINK_SECRETS['acme/staging/stripe'] ?? '';
/** On Windows the endpoint is a named pipe and every client shows the folder proof (link-proof.ts). */
const isWindows = process.platform === 'win32';
if (isWindows)
  console.log('the app link tests run on a named pipe; the two Unix socket and folder mode tests are left out');
else console.log('the app link tests run on a Unix socket; the named pipe test is left out (Windows only)');

let fixture: LinkFixture | null = null;
beforeAll(ensureBuilt);
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

async function start(): Promise<LinkFixture> {
  fixture = await startLinkFixture();
  return fixture;
}

/** Runs its arguments as a command and exits with its code (no shell: Windows has none to count on). */
const PARENT = `const run = require('node:child_process').spawnSync(process.argv[1], process.argv.slice(2), { stdio: 'inherit' });
process.exit(run.status ?? 1);`;

/** `keyturn ARGS` started by a process of its own, so it has its own parent: a new client session each time. */
function inNewParent(args: readonly string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', PARENT, process.execPath, BIN, ...args], {
      env: baseEnv(env),
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end();
  });
}

describe('the app link, with real keyturn processes', () => {
  it('listens where keyturn on this platform looks, with a link key wherever the kernel is not asked who calls', async () => {
    const app = await start();
    const folder = join(app.userData, 'app-link');
    if (isWindows) {
      expect(isPipeName(app.link.address)).toBe(true);
      expect(readFileSync(join(folder, 'pipe-name'), 'utf8')).toBe(app.link.address);
    } else {
      expect(app.link.address).toBe(join(folder, 'cli.sock'));
      expect(lstatSync(folder).mode & 0o777).toBe(0o700);
      expect(lstatSync(app.link.address).mode & 0o777).toBe(0o600);
      expect(lstatSync(app.link.address).isSocket()).toBe(true);
    }
    // Linux reads the client's uid from /proc; Windows and macOS ask for the folder proof.
    expect(readLinkKey(join(folder, 'link-key')) !== null).toBe(process.platform !== 'linux');
  });

  it('answers get, run and env through the app after one approval, and audits each use with the client', async () => {
    const app = await start();
    const get = await keyturn(['get', 'acme/prod/stripe'], { env: app.env });
    expect(get).toMatchObject({ code: 0, stdout: `${STRIPE}\n`, stderr: '' });
    const json = await keyturn(['get', 'keyturn://acme/prod/db', '--json'], { env: app.env });
    expect(JSON.parse(json.stdout)).toEqual({ ref: 'keyturn://acme/prod/db', secret: DB, expiresAt: null });

    const env = await keyturn(['env', 'acme/staging'], { env: app.env });
    expect(env, env.stderr).toMatchObject({ code: 0, stdout: `STRIPE=${STAGING}\n` });
    const probe = 'process.stdout.write(process.env.S + "|" + process.env.D)';
    const run = await keyturn(
      ['run', '--env', 'S=acme/prod/stripe', '--env', 'D=acme/prod/db', '--', process.execPath, '-e', probe],
      { env: app.env },
    );
    expect(run).toMatchObject({ code: 0, stdout: `${STRIPE}|${DB}` });

    // All four ran under this test process: one client session, asked about once.
    expect(app.approver.questions).toHaveLength(1);
    expect(app.approver.questions[0]).toMatchObject({
      command: 'get',
      purpose: 'get',
      target: 'acme/prod/stripe',
      targetKind: 'token',
      terminal: null,
      verified: process.platform === 'linux',
    });
    const audit = app.audit();
    const uses = audit.filter((entry) => entry.action === 'reveal').map((entry) => entry.detail);
    expect(uses).toHaveLength(5);
    for (const detail of uses)
      expect(detail).toMatch(/^CLI via the app \(pid \d+, no terminal, cwd .+\) (get|env|run)$/);
    expect(audit.filter((entry) => entry.action === 'cli-approval').map((entry) => entry.detail)).toEqual([
      expect.stringMatching(/^approved: keyturn get acme\/prod\/stripe \(no terminal, pid \d+, cwd /),
    ]);
    // No unlock of its own: the commands never opened the vault.
    expect(audit.filter((entry) => entry.action === 'unlock')).toHaveLength(1);
  });

  it('asks again for another client session, and shows what it asks for', async () => {
    const app = await start();
    expect((await inNewParent(['get', 'acme/prod/stripe'], app.env)).code).toBe(0);
    expect((await inNewParent(['env', 'acme/staging'], app.env)).code).toBe(0);
    expect(app.approver.questions.map((q) => [q.command, q.target, q.targetKind])).toEqual([
      ['get', 'acme/prod/stripe', 'token'],
      ['env', 'acme/staging', 'environment'],
    ]);
    expect(app.approver.questions[0]?.cwd).toBe(join(import.meta.dirname, '..', '..', '..'));
  });

  it('says "locked" at once while the app is locked: exit 3, and no value', async () => {
    const app = await start();
    app.session.lock('idle');
    const result = await keyturn(['get', 'acme/prod/stripe'], { env: app.env });
    expect(result).toMatchObject({ code: 3, stdout: '' });
    expect(result.stderr).toBe('keyturn: Keyturn is locked: unlock Keyturn, or run with --no-app\n');
    const run = await keyturn(['run', '--env', 'S=acme/prod/stripe', '--', process.execPath, '-e', '0'], {
      env: app.env,
    });
    expect(run.code).toBe(3);
    expect(app.approver.questions).toEqual([]);
  });

  it('ends every approval on lock: after the next unlock the same session is asked again', async () => {
    const app = await start();
    expect((await keyturn(['get', 'acme/prod/stripe'], { env: app.env })).code).toBe(0);
    app.session.lock('user');
    app.unlock();
    expect((await keyturn(['get', 'acme/prod/stripe'], { env: app.env })).code).toBe(0);
    expect(app.approver.questions).toHaveLength(2);
  });

  it('a lock while the user is being asked answers "locked" and withdraws the question', async () => {
    const app = await start();
    app.approver.answer = 'hold';
    const pending = keyturn(['get', 'acme/prod/stripe'], { env: app.env });
    for (let waited = 0; app.approver.waiting === 0; waited += 20) {
      if (waited > 20_000) throw new Error('the question never came');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    app.session.lock('screen-lock');
    const result = await pending;
    expect(result).toMatchObject({ code: 3, stdout: '' });
    expect(result.stderr).toMatch(/Keyturn is locked/);
    expect(app.approver.waiting).toBe(0);
  });

  it('refuses a denied session (exit 3), and refuses it again at once without a new prompt', async () => {
    const app = await start();
    app.approver.answer = 'denied';
    const first = await keyturn(['get', 'acme/prod/stripe'], { env: app.env });
    expect(first).toMatchObject({ code: 3, stdout: '' });
    expect(first.stderr).toMatch(/Keyturn denied this terminal/);
    app.approver.answer = 'approved';
    expect((await keyturn(['get', 'acme/prod/stripe'], { env: app.env })).code).toBe(3);
    expect(app.approver.questions).toHaveLength(1);
    expect(app.audit().filter((entry) => entry.action === 'reveal')).toEqual([]);
  });

  it('tells the command when nobody answered (exit 3) and remembers nothing', async () => {
    const app = await start();
    app.approver.answer = 'timeout';
    const result = await keyturn(['get', 'acme/prod/stripe'], { env: app.env });
    expect(result).toMatchObject({ code: 3, stdout: '' });
    expect(result.stderr).toMatch(/Nobody answered Keyturn's approval prompt/);
    app.approver.answer = 'approved';
    expect((await keyturn(['get', 'acme/prod/stripe'], { env: app.env })).stdout).toBe(`${STRIPE}\n`);
  });

  it('reports an unknown token as the direct path does (exit 4), after approval', async () => {
    const app = await start();
    const result = await keyturn(['get', 'acme/prod/nope'], { env: app.env });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
  });

  it('does not use the app with --no-app, KEYTURN_NO_APP=1 or a given password', async () => {
    const app = await start();
    const noApp = await keyturn(['get', 'acme/prod/stripe', '--no-app'], { env: app.env });
    expect(noApp.code).toBe(3);
    expect(noApp.stderr).toMatch(/No password/);
    const envOff = await keyturn(['get', 'acme/prod/stripe'], { env: { ...app.env, KEYTURN_NO_APP: '1' } });
    expect(envOff.stderr).toMatch(/No password/);
    const withPassword = await keyturn(['get', 'acme/prod/stripe', '--password-stdin'], {
      env: app.env,
      stdin: `${LINK_PASSWORD}\n`,
    });
    expect(withPassword.code).not.toBe(0); // the shipped binary refuses the test KDF: it unlocked directly
    expect(withPassword.stderr).not.toMatch(/Keyturn is locked/);
    expect(app.approver.questions).toEqual([]);
  });

  it('leaves another vault to the command itself (it falls back to unlocking directly)', async () => {
    const app = await start();
    const other = join(app.root, 'other.db');
    const result = await keyturn(['get', 'acme/prod/stripe', '--vault', other], { env: app.env });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/No vault at .*other\.db/);
    expect(app.approver.questions).toEqual([]);
  });

  it('stays out of the way when turned off in the vault (cli.appIntegration = off)', async () => {
    const app = await start();
    const current = app.session.current();
    if (current.state !== 'unlocked') throw new Error('expected an unlocked session');
    current.vault.setSetting('cli.appIntegration', 'off');
    const result = await keyturn(['get', 'acme/prod/stripe'], { env: app.env });
    expect(result.stderr).toMatch(/No password/);
    expect(app.approver.questions).toEqual([]);
  });

  // Windows has no modes to open (the pipe's folder keeps the profile's ACL): the folder proof stands in.
  it.skipIf(isWindows)(
    'does not talk to an app-link folder that is not private: a warning, then the direct path',
    async () => {
      const app = await start();
      chmodSync(join(app.userData, 'app-link'), 0o755);
      const result = await keyturn(['get', 'acme/prod/stripe'], { env: app.env });
      expect(result.stderr).toBe(
        `keyturn: warning: ignoring the app link: its folder is not private (${join(app.userData, 'app-link')})\n` +
          'keyturn: No password: use a terminal, --password-stdin or KEYTURN_PASSWORD\n',
      );
      expect(app.approver.questions).toEqual([]);
    },
  );

  it('falls back to the direct path when no app is running (the socket is gone)', async () => {
    const app = await start();
    await app.link.close();
    const result = await keyturn(['get', 'acme/prod/stripe'], { env: app.env });
    expect(result.stderr).toMatch(/No password/);
  });
});
