/**
 * The CLI crash scenarios of issue 9, for one keyed provider, in separate processes: a `keyturn
 * create|rotate|revoke` is killed with SIGKILL once the emulator has carried out its request (the
 * request commits and is never answered), then the next `keyturn` command must finish the job:
 * exactly one live key at the provider and it is the vault's current one, the old key answers
 * 401, no journal entry left open, and the audit log says what was done. Then the same with the
 * first process still alive: its entry is left alone while it lives.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BIN,
  baseEnv,
  ensureBuilt,
  initVault,
  keyturn,
  ROOT,
  tempDir,
  type RunOptions,
  type RunResult,
} from './harness';
import { startRig, type ProviderRig, type RigProvider } from './provider-rig';
import * as s from './schemas';

const PASSWORD = 'crash resume password';
/** A scenario runs about ten keyturn processes; a loaded 2-core machine may take seconds for each. */
const SCENARIO_MS = 300_000;

interface Running {
  readonly child: ChildProcess;
  readonly ended: Promise<RunResult>;
}

/** A keyturn process the test does not wait for. */
function startKeyturn(args: readonly string[], options: RunOptions): Running {
  const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(options.env), cwd: ROOT, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdin?.end(options.stdin ?? '');
  const ended = new Promise<RunResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, ended };
}

/** Polls until `ready` holds; fails if the process ends first or nothing happens for a minute. */
async function until(running: Running, ready: () => boolean, what: string): Promise<void> {
  let ended: RunResult | null = null;
  void running.ended.then((result) => (ended = result));
  for (let waited = 0; waited < 60_000; waited += 20) {
    if (ready()) return;
    if (ended !== null) throw new Error(`keyturn ended before ${what}: ${JSON.stringify(ended)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting until ${what}`);
}

async function kill(running: Running): Promise<void> {
  running.child.kill('SIGKILL');
  expect((await running.ended).signal).toBe('SIGKILL');
}

export function crashResumeSuite(provider: RigProvider): void {
  const dir = tempDir(`crash-${provider}`);
  const asUser: RunOptions = { env: { KEYTURN_VAULT: join(dir, 'vault.db'), KEYTURN_PASSWORD: PASSWORD } };
  let rig: ProviderRig;

  async function ok(args: string[], options: RunOptions = asUser): Promise<RunResult> {
    const result = await keyturn(args, options);
    expect({ args, code: result.code, stderr: result.stderr }).toMatchObject({ args, code: 0 });
    return result;
  }
  const secretOf = async (ref: string): Promise<string> => (await ok(['get', ref])).stdout.trim();
  const keyIdOf = async (ref: string): Promise<string | null> => {
    const rows = s.parseJson(s.tokenList, (await ok(['ls', 'acme/prod', '--json'])).stdout);
    return rows.find((row) => row.ref === ref)?.providerKeyId ?? null;
  };
  const unfinished = async (): Promise<s.StatusOutput['unfinished']> =>
    s.parseJson(s.statusOutput, (await ok(['status', '--json'])).stdout).unfinished;
  const audit = async (): Promise<string[]> =>
    s
      .parseJson(s.auditList, (await ok(['audit', '--limit', '200', '--json'])).stdout)
      .map((e) => `${e.action} ${e.detail}`);
  const liveIds = (): string[] => rig.liveKeys().map((key) => key.id);

  beforeAll(async () => {
    await ensureBuilt();
    rig = await startRig(provider);
    await initVault(asUser, ['acme/prod']);
    await ok(['connect', 'acme/prod', ...rig.connect], { ...asUser, stdin: `${rig.credential}\n` });
  }, SCENARIO_MS);

  afterAll(async () => {
    await rig.close();
  });

  describe(`${provider}: a lifecycle command killed once the provider has done its part`, () => {
    it(
      'rotate: the next command (get) finishes the rotation and prints the new value',
      async () => {
        await ok(['create', 'acme/prod/ci']);
        const old = await secretOf('acme/prod/ci');
        const before = liveIds();
        const held = rig.hang('create');
        const rotating = startKeyturn(['rotate', 'acme/prod/ci'], asUser);
        await until(rotating, () => held() && liveIds().length > before.length, 'the provider made the new key');
        const orphan = liveIds().find((id) => !before.includes(id));
        await kill(rotating);

        const fresh = await secretOf('acme/prod/ci');
        expect(fresh).not.toBe(old);
        expect(await rig.statusOf(old)).toBe(401);
        expect(await rig.statusOf(fresh)).toBe(200);
        const current = await keyIdOf('acme/prod/ci');
        expect(liveIds()).toEqual([current]);
        expect(liveIds()).not.toContain(orphan);
        expect(await unfinished()).toEqual([]);
        const log = await audit();
        expect(log).toContainEqual(expect.stringMatching(new RegExp(`^revoke orphan key ${orphan} of rotate `)));
        expect(log).toContainEqual(expect.stringMatching(/^rotate rotate \S+ done \(resumed from planned by CLI\)$/));
        await ok(['revoke', 'acme/prod/ci']);
      },
      SCENARIO_MS,
    );

    it(
      'create: the next create discards the abandoned one, revokes its key, and makes exactly one',
      async () => {
        const before = liveIds();
        const held = rig.hang('create');
        const creating = startKeyturn(['create', 'acme/prod/made'], asUser);
        await until(creating, () => held() && liveIds().length > before.length, 'the provider made the key');
        const orphan = liveIds().find((id) => !before.includes(id));
        await kill(creating);
        expect(await unfinished()).toMatchObject([{ operation: 'create', step: 'planned', running: false }]);

        const again = await ok(['create', 'acme/prod/made']);
        expect(again.stderr).toMatch(
          /earlier create of acme\/prod\/made \(stopped at planned\): ended without its change/,
        );
        expect(liveIds()).toEqual([await keyIdOf('acme/prod/made')]);
        expect(liveIds()).not.toContain(orphan);
        expect(await rig.statusOf(await secretOf('acme/prod/made'))).toBe(200);
        expect(await unfinished()).toEqual([]);
        const log = await audit();
        expect(log).toContainEqual(expect.stringMatching(new RegExp(`^revoke orphan key ${orphan} of create `)));
        expect(log).toContainEqual(
          expect.stringMatching(/^create create \S+ abandoned: Not created: .*resumed from planned by CLI\)$/),
        );
        await ok(['revoke', 'acme/prod/made']);
      },
      SCENARIO_MS,
    );

    it(
      'revoke: the next revoke finishes it, and a third says "already revoked" with exit 0',
      async () => {
        await ok(['create', 'acme/prod/gone']);
        const old = await secretOf('acme/prod/gone');
        const keyId = await keyIdOf('acme/prod/gone');
        const held = rig.hang('revoke');
        const revoking = startKeyturn(['revoke', 'acme/prod/gone'], asUser);
        await until(revoking, () => held() && !liveIds().includes(keyId ?? ''), 'the provider revoked the key');
        await kill(revoking);
        expect(await unfinished()).toMatchObject([{ operation: 'revoke', step: 'planned', running: false }]);

        const again = await ok(['revoke', 'acme/prod/gone', '--json']);
        expect(s.parseJson(s.lifecycleOutput, again.stdout)).toMatchObject({
          status: 'done',
          token: { revoked: true },
        });
        expect(await rig.statusOf(old)).toBe(401);
        expect(liveIds()).toEqual([]);
        expect(await unfinished()).toEqual([]);
        expect(await audit()).toContainEqual(
          expect.stringMatching(/^revoke revoke \S+ done \(resumed from planned by CLI\)$/),
        );
        const third = await ok(['revoke', 'acme/prod/gone']);
        expect(third.stdout.trim()).toBe('acme/prod/gone is already revoked');
      },
      SCENARIO_MS,
    );
  });

  describe(`${provider}: the same with the first process still alive`, () => {
    // Stopped (SIGSTOP) once the provider has done its part: alive and holding its entry's lock,
    // however slow this machine is, but making no progress of its own until it is killed.
    it(
      'rotate: get, rotate and reconcile leave its entry alone; once it is killed, reconcile finishes it',
      async () => {
        await ok(['create', 'acme/prod/live']);
        const old = await secretOf('acme/prod/live');
        const before = liveIds();
        const hanging = rig.hang('create');
        const first = startKeyturn(['rotate', 'acme/prod/live'], asUser);
        await until(first, () => hanging() && liveIds().length > before.length, 'the provider made the new key');
        first.child.kill('SIGSTOP');
        const during = liveIds();

        const got = await ok(['get', 'acme/prod/live']);
        expect(got.stdout.trim()).toBe(old);
        expect(got.stderr).toMatch(/^Unfinished rotate: “live”: Another Keyturn process is working on it/);
        const second = await keyturn(['rotate', 'acme/prod/live', '--json'], asUser);
        expect(second.code).toBe(1);
        expect(s.parseJson(s.errorOutput, second.stderr).error.code).toBe('ROTATION_IN_PROGRESS');
        const held = await keyturn(['reconcile', '--json'], asUser);
        expect(held.code).toBe(5);
        const report = s.parseJson(s.reconcileOutput, held.stdout);
        expect(report.entries).toMatchObject([{ operation: 'rotate', from: 'planned', status: 'busy' }]);
        expect(report.orphansRevoked).toBe(0);
        expect(await unfinished()).toMatchObject([{ operation: 'rotate', step: 'planned', running: true }]);
        expect(liveIds()).toEqual(during);

        await kill(first);
        const done = await ok(['reconcile', '--json']);
        expect(s.parseJson(s.reconcileOutput, done.stdout).entries).toMatchObject([
          { from: 'planned', status: 'done' },
        ]);
        expect(liveIds()).toEqual([await keyIdOf('acme/prod/live')]);
        expect(await rig.statusOf(old)).toBe(401);
        expect(await unfinished()).toEqual([]);
        await ok(['revoke', 'acme/prod/live']);
      },
      SCENARIO_MS,
    );

    it(
      'create: a second create of the same token waits for it; once it is killed, the next create makes one',
      async () => {
        const before = liveIds();
        const held = rig.hang('create');
        const first = startKeyturn(['create', 'acme/prod/twice'], asUser);
        await until(first, () => held() && liveIds().length > before.length, 'the provider made the key');
        first.child.kill('SIGSTOP');
        const second = await keyturn(['create', 'acme/prod/twice', '--json'], asUser);
        expect(second.code).toBe(1);
        expect(s.parseJson(s.errorOutput, second.stderr).error.message).toMatch(/Another Keyturn process is creating/);
        expect(await unfinished()).toMatchObject([{ operation: 'create', step: 'planned', running: true }]);
        expect((await keyturn(['reconcile'], asUser)).code).toBe(5);

        await kill(first);
        await ok(['create', 'acme/prod/twice']);
        expect(liveIds()).toEqual([await keyIdOf('acme/prod/twice')]);
        expect(await unfinished()).toEqual([]);
        await ok(['revoke', 'acme/prod/twice']);
      },
      SCENARIO_MS,
    );

    it(
      'revoke: a second revoke is never blocked by it; its own entry waits for it, then reconcile ends it',
      async () => {
        await ok(['create', 'acme/prod/leak']);
        const old = await secretOf('acme/prod/leak');
        const keyId = await keyIdOf('acme/prod/leak');
        const held = rig.hang('revoke');
        const first = startKeyturn(['revoke', 'acme/prod/leak'], asUser);
        await until(first, () => held() && !liveIds().includes(keyId ?? ''), 'the provider revoked the key');
        first.child.kill('SIGSTOP');

        const got = await keyturn(['get', 'acme/prod/leak', '--json'], asUser);
        const [note, error] = got.stderr.trim().split('\n');
        expect(note).toMatch(/^Unfinished revoke: “leak”: Another Keyturn process is working on it/);
        expect(s.parseJson(s.errorOutput, error ?? '').error.code).toBe('TOKEN_REVOKED');
        await ok(['revoke', 'acme/prod/leak']);
        expect(await rig.statusOf(old)).toBe(401);
        expect(await unfinished()).toMatchObject([{ operation: 'revoke', step: 'planned', running: true }]);

        await kill(first);
        const done = await ok(['reconcile', '--json']);
        expect(s.parseJson(s.reconcileOutput, done.stdout).entries).toMatchObject([
          { operation: 'revoke', status: 'done' },
        ]);
        expect(await unfinished()).toEqual([]);
        expect(liveIds()).toEqual([]);
      },
      SCENARIO_MS,
    );
  });
}
