import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../src/main/lifecycle/reconcile';
import { createManagedToken, rotateToken } from '../../../src/main/lifecycle/rotation';
import type { FaultRule } from '../../emulators/harness';
import {
  KEYED_PROVIDERS,
  baselineOf,
  checkInvariants,
  newVault,
  startProvider,
  type KeyedProvider,
} from '../../support/lifecycle-fixture';
import { ProviderClients } from '../../../src/main/lifecycle/clients';
import type { Vault } from '../../../src/main/vault/types';

const FAULTS: Record<string, FaultRule['fault']> = {
  '5xx': { kind: 'status', status: 503 },
  '429': { kind: 'rate-limit', retryAfter: '0' },
  timeout: { kind: 'latency', ms: 900 },
  malformed: { kind: 'malformed' },
  'response lost after commit': { kind: 'drop-after-commit' },
  'call refused (401)': { kind: 'status', status: 401, body: '{"detail":"Invalid token."}' },
};

/** A short timeout only while faults are injected (the latency fault outlasts it); generous otherwise. */
function clients(vault: Vault, timeoutMs = 5000): ProviderClients {
  return new ProviderClients(vault, { now: Date.now, sleep: async () => undefined, timeoutMs });
}

/** Rotates with `fault` injected on the request that follows the n-th remote step of the rotation. */
async function rotateWithFault(
  provider: KeyedProvider,
  fault: FaultRule['fault'],
  step: number,
): Promise<{ steps: number; bad: string | null }> {
  const world = await startProvider(provider);
  try {
    const baseline = baselineOf(world);
    const { vault, path, environmentId, connectionId } = newVault(world);
    const made = await createManagedToken(
      vault,
      { environmentId, connectionId, label: 'ci' },
      { now: Date.now, clients: clients(vault) },
    );
    if (made.status !== 'done' || made.tokenId === null) throw new Error('setup failed');
    let remoteSteps = 0;
    await rotateToken(vault, made.tokenId, {
      now: Date.now,
      clients: clients(vault, 300),
      faultPoint: (label) => {
        if (!label.startsWith('before ') || label.startsWith('before commit')) return;
        remoteSteps += 1;
        if (remoteSteps === step) world.inject({ fault, times: 1 });
      },
    });
    world.clearFaults();
    await reconcile(vault, clients(vault));
    vault.lock();
    const report = await checkInvariants(path, world, baseline);
    const sum =
      report.lost +
      report.orphans +
      report.duplicateCurrent +
      report.unavailable +
      report.unopened +
      report.duplicateKeys;
    return { steps: remoteSteps, bad: sum > 0 || !report.integrityOk ? JSON.stringify(report) : null };
  } finally {
    await world.close();
  }
}

describe('provider faults during a rotation', () => {
  it('keep I1–I5 for every fault kind at every remote step, after a reconcile', async () => {
    const failures: string[] = [];
    let runs = 0;
    await Promise.all(
      KEYED_PROVIDERS.map(async (provider) => {
        const { steps } = await rotateWithFault(provider, { kind: 'latency', ms: 0 }, 0);
        for (const [name, fault] of Object.entries(FAULTS)) {
          for (let step = 1; step <= steps; step += 1) {
            const { bad } = await rotateWithFault(provider, fault, step);
            runs += 1;
            if (bad) failures.push(`${provider} ${name} at step ${step}: ${bad}`);
          }
        }
      }),
    );
    console.log(
      `${Object.keys(FAULTS).length} fault kinds × remote steps × ${KEYED_PROVIDERS.length} providers = ${runs} runs, ${failures.length} broke an invariant`,
    );
    expect(failures).toEqual([]);
    expect(runs).toBeGreaterThan(30);
  }, 120_000);
});
