/**
 * Which provider keys reconcile may revoke. Two vaults (a colleague's, a CI machine's) share one
 * provider account, so a Keyturn-named key is only this vault's when its journal id is one of this
 * vault's journals. The two sweeps are pinned separately: the global sweep (orphans of finished
 * journals, on reconcile) and the per-journal sweep (orphans of the journal being resumed).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderClients } from '../../../src/main/lifecycle/clients';
import type { LifecycleDeps } from '../../../src/main/lifecycle/context';
import { journalIdOf, keyNameFor } from '../../../src/main/lifecycle/key-name';
import { reconcile } from '../../../src/main/lifecycle/reconcile';
import { createManagedToken, rotateToken, runJournal } from '../../../src/main/lifecycle/rotation';
import { startSatoriEmulator } from '../../emulators/satori-emulator';
import { FakeClock } from '../../support/fake-clock';
import { newVault, type VaultWorld } from '../../support/lifecycle-fixture';

type Satori = Awaited<ReturnType<typeof startSatoriEmulator>>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Colleague extends VaultWorld {
  readonly deps: LifecycleDeps;
  /** The journal that made this vault's managed token. */
  readonly journalId: string;
  readonly tokenId: string;
}

/** A vault connected to the shared Satori account, holding one managed token. */
async function colleague(emulator: Satori, clock: FakeClock): Promise<Colleague> {
  const world = newVault({
    provider: 'satori',
    url: emulator.url,
    settings: { tenantId: emulator.seed.tenantId },
    credential: { kind: 'token', token: emulator.seed.bootstrapToken },
  });
  cleanups.push(() => void world.vault.lock());
  const deps: LifecycleDeps = {
    now: clock.now,
    clients: new ProviderClients(world.vault, { now: clock.now, sleep: clock.sleep }),
  };
  const made = await createManagedToken(
    world.vault,
    { environmentId: world.environmentId, connectionId: world.connectionId, label: 'ci' },
    deps,
  );
  if (made.status !== 'done' || made.tokenId === null) throw new Error(`setup: ${made.status}`);
  return { ...world, deps, journalId: made.journalId, tokenId: made.tokenId };
}

/** A key at the provider named after `journalId` that no vault holds (its secret is thrown away). */
async function strayKey(owner: Colleague, journalId: string): Promise<string> {
  const created = await owner.deps.clients
    .get(owner.connectionId)
    .createKey({ name: keyNameFor('stray', journalId), expiresAt: null });
  if (!created.ok) throw new Error(`setup: ${created.error.code}`);
  return created.value.keyId;
}

async function sharedAccount() {
  const emulator = await startSatoriEmulator();
  cleanups.push(() => emulator.close());
  const clock = new FakeClock(Date.now());
  const mine = await colleague(emulator, clock);
  const theirs = await colleague(emulator, clock);
  const active = (): string[] => emulator.state.activeKeys().map((key) => key.id);
  return { emulator, clock, mine, theirs, active };
}

describe('reconcile on a provider account shared by two vaults', () => {
  it("leaves the other vault's keys active, held or orphaned, and revokes only its own orphan", async () => {
    const s = await sharedAccount();
    const theirKey = s.theirs.vault.getToken(s.theirs.tokenId).providerKeyId;
    const theirOrphan = await strayKey(s.theirs, s.theirs.journalId);
    const myOrphan = await strayKey(s.mine, s.mine.journalId);

    const report = await reconcile(s.mine.vault, s.mine.deps.clients, { now: s.clock.now });

    expect(report).toMatchObject({ orphansRevoked: 1, revokeFailed: 0, errors: [] });
    expect(s.active()).not.toContain(myOrphan);
    expect(s.active()).toEqual(expect.arrayContaining([theirKey, theirOrphan]));
    // Their own reconcile is what retires their orphan.
    await reconcile(s.theirs.vault, s.theirs.deps.clients, { now: s.clock.now });
    expect(s.active()).not.toContain(theirOrphan);
    expect(s.active()).toContain(theirKey);
  });
});

describe('the global orphan sweep', () => {
  it('revokes an orphan of a finished journal, which no resumed journal would find', async () => {
    const s = await sharedAccount();
    const myKey = s.mine.vault.getToken(s.mine.tokenId).providerKeyId;
    const orphan = await strayKey(s.mine, s.mine.journalId);
    expect(s.mine.vault.listJournal({ unfinishedOnly: true })).toEqual([]);

    const report = await reconcile(s.mine.vault, s.mine.deps.clients, { now: s.clock.now });

    expect(report).toMatchObject({ outcomes: [], orphansRevoked: 1 });
    expect(s.active()).not.toContain(orphan);
    expect(s.active()).toContain(myKey);
  });
});

describe('the per-journal orphan sweep', () => {
  it("revokes the key a lost create answer left behind when the journal resumes, and no one else's", async () => {
    const s = await sharedAccount();
    const theirKey = s.theirs.vault.getToken(s.theirs.tokenId).providerKeyId;
    const theirOrphan = await strayKey(s.theirs, s.theirs.journalId);
    s.emulator.inject({ fault: { kind: 'drop-after-commit' }, method: 'POST', times: 1 });
    // Lists fail after the lost answer, so the rotation cannot clean up at once: it stays pending.
    const lost = await rotateToken(s.mine.vault, s.mine.tokenId, {
      ...s.mine.deps,
      faultPoint: (label) => {
        if (label === 'after createKey')
          s.emulator.inject({ fault: { kind: 'status', status: 503 }, method: 'GET', times: 100 });
      },
    });
    s.emulator.clearFaults();
    expect(lost.status).toBe('pending');
    const ofJournal = (): string[] =>
      s.emulator.state
        .activeKeys()
        .filter((key) => journalIdOf(key.name) === lost.journalId)
        .map((key) => key.id);
    const [orphan] = ofJournal();
    expect(ofJournal()).toHaveLength(1);

    // Resumed on its own, not through reconcile: only the journal's own sweep can catch the orphan.
    const resumed = await runJournal(s.mine.vault, lost.journalId, s.mine.deps);

    expect(resumed.status).toBe('done');
    expect(s.active()).not.toContain(orphan);
    expect(ofJournal()).toEqual([s.mine.vault.getToken(s.mine.tokenId).providerKeyId]);
    expect(s.active()).toEqual(expect.arrayContaining([theirKey, theirOrphan]));
  });
});
