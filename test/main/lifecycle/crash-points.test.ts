import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
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

function runChild(config: Record<string, unknown>, killAt: number): Promise<{ points: number; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, JSON.stringify(config)], {
      env: { ...process.env, KEYTURN_FAULT_AT: String(killAt) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let errText = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errText += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`runner exited ${code}: ${errText.slice(0, 2000)}`));
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

describe('crash safety of create, rotate and revoke', () => {
  it('keeps I1–I5 after a SIGKILL at every fault point, a restart and a reconcile', async () => {
    const failures: string[] = [];
    const totals = { runs: 0, lost: 0, orphans: 0, duplicateCurrent: 0, pointsMin: Infinity, pointsMax: 0 };
    await Promise.all(
      KEYED_PROVIDERS.map(async (provider) => {
        for (const operation of OPERATIONS) {
          const probe = await runOnce(provider, operation, 0);
          totals.pointsMin = Math.min(totals.pointsMin, probe.points);
          totals.pointsMax = Math.max(totals.pointsMax, probe.points);
          for (let k = 1; k <= probe.points; k += 1) {
            const { report } = await runOnce(provider, operation, k);
            totals.runs += 1;
            totals.lost += report.lost;
            totals.orphans += report.orphans;
            totals.duplicateCurrent += report.duplicateCurrent;
            const bad =
              report.lost +
                report.orphans +
                report.duplicateCurrent +
                report.unavailable +
                report.unopened +
                report.duplicateKeys >
                0 || !report.integrityOk;
            if (bad) failures.push(`${provider} ${operation} k=${k}: ${JSON.stringify(report)}`);
          }
        }
      }),
    );
    console.log(
      `${totals.pointsMin}–${totals.pointsMax} points × ${OPERATIONS.length} operations × ${KEYED_PROVIDERS.length} providers = ${totals.runs} runs: ` +
        `lost ${totals.lost}, orphans ${totals.orphans}, duplicate current ${totals.duplicateCurrent}`,
    );
    expect(failures).toEqual([]);
    expect(totals.runs).toBeGreaterThan(50);
  }, 150_000);
});
