import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcile } from '../../../src/main/lifecycle/reconcile';
import { createManagedToken } from '../../../src/main/lifecycle/rotation';
import {
  KEYED_PROVIDERS,
  baselineOf,
  checkInvariants,
  clientsFor,
  newVault,
  reopenVault,
  startProvider,
  type InvariantReport,
  type KeyedProvider,
} from '../../support/lifecycle-fixture';

const RUNNER = fileURLToPath(new URL('../../support/lifecycle-runner.ts', import.meta.url));
/**
 * The runner is the same TypeScript file `node --import tsx` runs; bundled once here because a
 * tsx start costs about a second and this test starts a child for every fault point.
 */
const BUNDLE = join(
  fileURLToPath(new URL('../../../node_modules/.cache/', import.meta.url)),
  'keyturn-lifecycle-runner.mjs',
);

beforeAll(async () => {
  await build({
    entryPoints: [RUNNER],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: BUNDLE,
    external: ['better-sqlite3', '@node-rs/argon2'],
    logLevel: 'warning',
  });
});
const OPERATIONS = ['create', 'rotate', 'revoke'] as const;
type Operation = (typeof OPERATIONS)[number];

/**
 * What bounds this test is the work it does, not a guess at the machine. One run (an emulator, a
 * vault, a child process, a restart, a reconcile, the checks) takes one to three seconds on a quiet
 * machine and was seen to take 25 s at a load average of 20 on 2 cores; a child that has not ended
 * within RUN_BUDGET_MS is killed and reported as a failure of its point, so a hang costs one
 * budget, not the whole suite. Each provider's test may then take at most its runs × the budget;
 * MAX_POINTS is checked against each probe, so the limit covers every run.
 */
const RUN_BUDGET_MS = 120_000;
const MAX_POINTS = 40;
const PROVIDER_LIMIT_MS = OPERATIONS.length * (MAX_POINTS + 1) * RUN_BUDGET_MS;

function runChild(config: Record<string, unknown>, killAt: number): Promise<{ points: number; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, JSON.stringify(config)], {
      env: { ...process.env, KEYTURN_FAULT_AT: String(killAt) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let errText = '';
    let overrun = false;
    const budget = setTimeout(() => {
      overrun = true;
      child.kill('SIGKILL');
    }, RUN_BUDGET_MS);
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errText += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(budget);
      if (overrun) return reject(new Error(`the run did not end within ${RUN_BUDGET_MS} ms`));
      if (signal === null && code !== 0) return reject(new Error(`runner exited ${code}: ${errText.slice(0, 2000)}`));
      const points = out.split('\n').filter((line) => line.startsWith('point ')).length;
      resolve({ points, signal });
    });
  });
}

/** One run: fresh emulator and vault, the operation killed at point k, restart, reconcile, check. */
async function runOnce(
  provider: KeyedProvider,
  operation: Operation,
  killAt: number,
): Promise<{ points: number; report: InvariantReport }> {
  const world = await startProvider(provider);
  try {
    const baseline = baselineOf(world);
    const setup = newVault(world);
    let tokenId: string | undefined;
    if (operation !== 'create') {
      const deps = { now: Date.now, clients: clientsFor(setup.vault) };
      const made = await createManagedToken(
        setup.vault,
        { environmentId: setup.environmentId, connectionId: setup.connectionId, label: 'ci deploy' },
        deps,
      );
      if (made.status !== 'done' || made.tokenId === null) throw new Error(`setup failed: ${made.status}`);
      tokenId = made.tokenId;
    }
    setup.vault.lock();
    const config = {
      path: setup.path,
      operation,
      tokenId,
      environmentId: setup.environmentId,
      connectionId: setup.connectionId,
      label: 'ci deploy',
    };
    const child = await runChild(config, killAt);
    if (killAt > 0 && child.signal !== 'SIGKILL') throw new Error(`point ${killAt} of ${operation} was never reached`);
    const restarted = reopenVault(setup.path);
    await reconcile(restarted, clientsFor(restarted));
    restarted.lock();
    return { points: child.points, report: await checkInvariants(setup.path, world, baseline) };
  } finally {
    await world.close();
  }
}

function isBad(report: InvariantReport): boolean {
  const broken =
    report.lost +
    report.orphans +
    report.duplicateCurrent +
    report.unavailable +
    report.unopened +
    report.duplicateKeys;
  return broken > 0 || !report.integrityOk;
}

interface Tally {
  runs: number;
  lost: number;
  orphans: number;
  duplicateCurrent: number;
  points: string[];
  failures: string[];
}

/** Every operation of one provider, killed at every point; figures tallied as they come. */
async function crashEverywhere(provider: KeyedProvider, tally: Tally): Promise<void> {
  for (const operation of OPERATIONS) {
    const probe = await runOnce(provider, operation, 0);
    tally.points.push(`${operation} ${probe.points}`);
    if (probe.points > MAX_POINTS) throw new Error(`${operation} has ${probe.points} points; raise MAX_POINTS`);
    for (let k = 1; k <= probe.points; k += 1) {
      try {
        const { report } = await runOnce(provider, operation, k);
        tally.runs += 1;
        tally.lost += report.lost;
        tally.orphans += report.orphans;
        tally.duplicateCurrent += report.duplicateCurrent;
        if (isBad(report)) tally.failures.push(`${operation} k=${k}: ${JSON.stringify(report)}`);
      } catch (cause) {
        tally.failures.push(`${operation} k=${k}: ${cause instanceof Error ? cause.message : String(cause)}`);
      }
    }
  }
}

/** `ended` is null while the runs go on (a test that timed out): the time so far is printed. */
function figure(provider: KeyedProvider, tally: Tally, started: number, ended: number | null): string {
  const seconds = Math.round(((ended ?? performance.now()) - started) / 1000);
  return (
    `${provider}: points ${tally.points.join(', ')}; ${tally.runs} runs in ${seconds} s: ` +
    `lost ${tally.lost}, orphans ${tally.orphans}, duplicate current ${tally.duplicateCurrent}, ${tally.failures.length} failed`
  );
}

interface Timed {
  readonly tally: Tally;
  readonly started: number;
  ended: number | null;
}

const tallies = new Map<KeyedProvider, Timed>();

// Printed after the tests, whatever became of them (a failure, a time-out): the figure is never lost.
afterAll(() => {
  for (const [provider, { tally, started, ended }] of tallies) console.log(figure(provider, tally, started, ended));
});

describe('crash safety of create, rotate and revoke', () => {
  // One test per provider, run side by side, each with its own limit.
  for (const provider of KEYED_PROVIDERS) {
    it.concurrent(
      `keeps I1–I5 for ${provider} after a SIGKILL at every fault point, a restart and a reconcile`,
      async () => {
        const tally: Tally = { runs: 0, lost: 0, orphans: 0, duplicateCurrent: 0, points: [], failures: [] };
        const timing: Timed = { tally, started: performance.now(), ended: null };
        tallies.set(provider, timing);
        try {
          await crashEverywhere(provider, tally);
        } finally {
          timing.ended = performance.now();
        }
        expect(tally.failures).toEqual([]);
        expect(tally.runs).toBeGreaterThan(15);
      },
      PROVIDER_LIMIT_MS,
    );
  }
});
