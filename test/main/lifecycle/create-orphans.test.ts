/**
 * The create step's own orphan sweep (rotation-steps.ts: sweepOwnOrphans): a key the provider made
 * while its answer was lost is found by its name at once, revoked, and said so in the audit log.
 * A connection that cannot list keys is not asked to. A real emulator on 127.0.0.1, a real vault.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LifecycleDeps } from '../../../src/main/lifecycle/context';
import { ProviderClients } from '../../../src/main/lifecycle/clients';
import { journalIdOf, keyNameFor } from '../../../src/main/lifecycle/key-name';
import { planCreate, rotateToken, runJournal } from '../../../src/main/lifecycle/rotation';
import { startSynapTaskEmulator } from '../../emulators';
import { newVault, satoriWorld } from '../../support/lifecycle-fixture';
import { managedSatoriToken, type Cleanups } from '../../support/managed-token';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a key whose create answer was lost', () => {
  it('is revoked by the same run, and the audit log names it and its journal', async () => {
    const { world, deps, tokenId } = await managedSatoriToken(cleanups);
    const made: string[] = [];
    world.emulator.inject({ fault: { kind: 'drop-after-commit' }, method: 'POST', times: 1 });

    const outcome = await rotateToken(world.vault, tokenId, {
      ...deps,
      faultPoint: (label) => {
        if (label !== 'after createKey') return;
        const orphans = world.emulator.state.activeKeys().filter((key) => journalIdOf(key.name) !== null);
        made.push(...orphans.map((key) => key.id));
      },
    });

    expect(outcome).toMatchObject({ status: 'pending', error: { code: 'PROVIDER_UNAVAILABLE' } });
    const orphan = made.find((id) => world.vault.listVersions(tokenId).every((v) => v.providerKeyId !== id));
    expect(orphan).toEqual(expect.any(String));
    expect(world.emulator.state.activeKeys().map((key) => key.id)).not.toContain(orphan);
    expect(world.vault.listAudit().at(-1)).toMatchObject({
      action: 'revoke',
      subjectId: tokenId,
      detail: `orphan key ${orphan} of rotate ${outcome.journalId} revoked (the provider made it, its secret never reached the vault)`,
    });
  });
});

/** A create planned for 'graph' whose process went away before running it; the vault locks after the test. */
function abandonedCreate(world: ReturnType<typeof newVault>) {
  cleanups.push(() => void world.vault.lock());
  const deps: LifecycleDeps = { now: Date.now, clients: new ProviderClients(world.vault, { now: Date.now }) };
  const planned = planCreate(world.vault, {
    environmentId: world.environmentId,
    connectionId: world.connectionId,
    label: 'graph',
  });
  planned.claim.release();
  return { deps, planned };
}

describe('a create at a connection that cannot list keys', () => {
  it('is discarded on resume without asking the provider for its keys', async () => {
    const emulator = await startSynapTaskEmulator();
    cleanups.push(() => emulator.close());
    const world = newVault({ provider: 'synaptask', url: emulator.url, settings: {}, credential: { kind: 'none' } });
    // Planned, then its process went away before running it.
    const { deps, planned } = abandonedCreate(world);

    expect(await runJournal(world.vault, planned.journalId, deps)).toEqual({
      status: 'failed',
      journalId: planned.journalId,
      tokenId: null,
      reason: 'Not created: it was interrupted; nothing was kept',
    });
    expect(emulator.requests).toEqual([]);
  });
});

describe('an interrupted create whose key the provider refuses to revoke at first', () => {
  it('ends abandoned for the interruption, not for the refusal that held up the revoke', async () => {
    const world = await satoriWorld();
    cleanups.push(() => world.emulator.close());
    const { deps, planned } = abandonedCreate(world);
    // The provider made the key; the process went away before its answer was stored.
    world.emulator.state.issueToken(world.emulator.seed.tenantId, keyNameFor('graph', planned.journalId));
    world.emulator.inject({
      fault: { kind: 'status', status: 403, body: '{"detail":"Nope."}' },
      method: 'PUT',
      times: 1,
    });

    // Refused once (revoke-failed), retried in the same run: the key is gone, the entry closed.
    expect(await runJournal(world.vault, planned.journalId, deps)).toEqual({
      status: 'failed',
      journalId: planned.journalId,
      tokenId: null,
      reason: 'Not created: it was interrupted; nothing was kept',
    });
    expect(world.emulator.requests.filter((request) => request.method === 'PUT')).toHaveLength(2);
    expect(world.emulator.state.activeKeys().filter((key) => journalIdOf(key.name) !== null)).toEqual([]);
  });
});
