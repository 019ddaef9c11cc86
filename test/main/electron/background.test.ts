import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/main/api/ports';
import { createSessionState } from '../../../src/main/api/session-state';
import { reopeningSummary, startBackgroundWork } from '../../../src/main/electron/background';
import { ProviderClients } from '../../../src/main/lifecycle/clients';
import { reconcile, type ReconcileReport } from '../../../src/main/lifecycle/reconcile';
import { createManagedToken, rotateToken } from '../../../src/main/lifecycle/rotation';
import { parseJournal } from '../../../src/main/lifecycle/rotation-state';
import type { SchedulerEvent } from '../../../src/main/lifecycle/scheduler-events';
import { createWindowEvents, type WindowEvent } from '../../../src/main/api';
import { tellSchedulerEvent } from '../../../src/main/api/scheduler-notices';
import { WINDOW_EVENT_SCHEMAS } from '../../../src/shared/window-events';
import { openVault } from '../../../src/main/vault';
import type { Vault } from '../../../src/main/vault/types';
import { KeyturnError } from '../../../src/shared/errors';
import { FakeClock } from '../../support/fake-clock';
import { FakeNotifier } from '../../support/fake-notifier';
import { FakePowerMonitor } from '../../support/fake-power-monitor';
import { PASSWORD, satoriWorld } from '../../support/lifecycle-fixture';
import { TEST_KDF_POLICY } from '../../support/vault-policy';

const DAY = 86_400_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Timers never fire by themselves: the test drives the scheduler with tick(). */
function frozenClock(fake: FakeClock): Clock {
  let next = 1;
  return { now: fake.now, setTimeout: () => ({ id: next++ }), clearTimeout: () => undefined };
}

async function setup(
  options: {
    reconcile?: (vault: Vault, clients: ProviderClients) => Promise<ReconcileReport>;
    onEvent?: (event: SchedulerEvent) => void;
  } = {},
) {
  const world = await satoriWorld();
  const { emulator } = world;
  cleanups.push(() => emulator.close());
  const fake = new FakeClock(Date.now());
  const clients = new ProviderClients(world.vault, { now: fake.now, sleep: fake.sleep });
  const deps = { now: fake.now, clients };
  const made = await createManagedToken(
    world.vault,
    {
      environmentId: world.environmentId,
      connectionId: world.connectionId,
      label: 'ci',
      rotationPolicy: { everyDays: 30 },
    },
    deps,
  );
  if (made.tokenId === null) throw new Error('setup');
  world.vault.addToken({
    environmentId: world.environmentId,
    label: 'soon',
    kind: 'api-key',
    provider: 'manual',
    secret: 'manual-secret-value',
    expiresAt: fake.now() + 2 * DAY,
  });
  // A rotation left unfinished: the provider was down when it tried to create the new key.
  emulator.inject({ fault: { kind: 'status', status: 503 }, method: 'POST', times: 1 });
  const unfinished = await rotateToken(world.vault, made.tokenId, deps);
  expect(unfinished.status).toBe('pending');
  world.vault.lock();

  const session = createSessionState();
  const notifier = new FakeNotifier();
  const power = new FakePowerMonitor();
  const reconciled: string[] = [];
  const background = startBackgroundWork({
    session,
    clock: frozenClock(fake),
    monotonicNow: () => 0,
    notifier,
    power,
    clientsFor: (vault) => new ProviderClients(vault, { now: fake.now, sleep: fake.sleep }),
    reconcile: async (vault, source) => {
      reconciled.push(vault.path);
      return options.reconcile
        ? options.reconcile(vault, source as ProviderClients)
        : reconcile(vault, source, { now: fake.now });
    },
    lockedSummary: () => reopeningSummary(() => openVault(world.path, { policy: TEST_KDF_POLICY })),
    onEvent: options.onEvent,
  });
  cleanups.push(() => background.stop());
  cleanups.push(() => {
    session.lock('user');
  });
  const unlock = (): Vault => {
    const file = openVault(world.path, { policy: TEST_KDF_POLICY });
    const vault = file.unlock(PASSWORD);
    session.unlocked(vault, file);
    return vault;
  };
  return {
    ...world,
    emulator,
    fake,
    session,
    notifier,
    power,
    background,
    reconciled,
    unlock,
    tokenId: made.tokenId,
    journalId: unfinished.journalId,
  };
}

describe('background work (scheduler and reconcile in main)', () => {
  it('plans only once the token list is decrypted (the window’s first screen goes first), or decrypts it after a while', async () => {
    const nothing: ReconcileReport = { outcomes: [], entries: [], orphansRevoked: 0, revokeFailed: 0, errors: [] };
    const s = await setup({ reconcile: async () => nothing });
    const vault = s.unlock();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(vault.isTokenListLoaded()).toBe(false);
    expect(s.background.scheduler.state).toBe('locked');
    vault.listTokens(); // what the window's idle work does after its first screen
    await s.background.settled();
    expect(s.background.scheduler.state).toBe('unlocked');
    s.session.lock('user');
    const again = s.unlock();
    await s.background.settled();
    expect(again.isTokenListLoaded()).toBe(true);
    expect(s.background.scheduler.state).toBe('unlocked');
  });

  it('reconciles after unlock, then runs the scheduler with the vault’s clients; notifications carry no secret', async () => {
    const s = await setup();
    expect(s.background.scheduler.state).toBe('locked');
    const vault = s.unlock();
    await s.background.settled();
    expect(s.reconciled).toHaveLength(1);
    expect(parseJournal(vault.getJournal(s.journalId)).rotation.step).toBe('done');
    expect(s.background.scheduler.state).toBe('unlocked');
    expect(s.notifier.shown).toContainEqual({ title: 'Key rotated', body: '“ci” now uses a new key.' });
    // The scheduler now rotates by policy with the clients built for this vault.
    s.fake.advance(31 * DAY);
    s.background.scheduler.wake();
    await s.background.scheduler.tick();
    expect(s.notifier.shown.filter((n) => n.title === 'Key rotated')).toHaveLength(2);
    expect(s.notifier.shown).toContainEqual({
      title: 'Token expiring',
      body: expect.stringMatching(/^“soon” (has expired|expires)/),
    });
    const secrets = [s.emulator.seed.bootstrapToken];
    for (const token of vault.listTokens())
      for (const v of vault.listVersions(token.id)) secrets.push(vault.openSecret(token.id, v.id));
    const text = s.notifier.shown.map((n) => `${n.title}\n${n.body}`).join('\n');
    for (const secret of secrets) expect(text).not.toContain(secret);
    console.log(
      `after unlock: reconcile ran once, ${s.notifier.shown.length} notifications, ${secrets.length} secrets checked, 0 shown`,
    );
  });

  it('on lock drops the vault: no provider calls, only a count of tokens expiring (from plaintext columns)', async () => {
    const s = await setup();
    s.unlock();
    await s.background.settled();
    s.session.lock('user');
    expect(s.background.scheduler.state).toBe('locked');
    const requests = s.emulator.requests.length;
    const shown = s.notifier.shown.length;
    s.fake.advance(40 * DAY);
    await s.background.scheduler.tick();
    expect(s.emulator.requests.length).toBe(requests);
    // What `ls` calls expiring: 'ci', rotated at unlock to a key that expires 14 days after its next
    // planned rotation (day 44), is inside its lead time; 'soon' expired on day 2 and is not counted.
    expect(s.notifier.shown.slice(shown)).toEqual([
      { title: 'Tokens expiring', body: '1 token expires within 14 days. Unlock Keyturn to see which.' },
    ]);
  });

  it('tells the window each scheduler event it notifies, and that the vault changed', async () => {
    const events = createWindowEvents();
    const heard: WindowEvent[] = [];
    events.subscribe((event) => heard.push(event));
    const s = await setup({ onEvent: (event) => tellSchedulerEvent(events, event) });
    s.unlock();
    await s.background.settled();
    expect(heard.map((e) => e.name)).toEqual(['scheduler:event', 'vault:changed', 'vault:changed']);
    expect(heard[0]?.payload).toEqual({ type: 'rotation-done', tokenId: s.tokenId, journalId: s.journalId });
    expect(heard.slice(1).map((e) => e.payload)).toEqual([
      { revision: 1, scope: 'rotations' },
      { revision: 2, scope: 'tokens' },
    ]);
    for (const event of heard) expect(WINDOW_EVENT_SCHEMAS[event.name]().safeParse(event.payload).success).toBe(true);
  });

  it('wakes the scheduler when the OS resumes from sleep', async () => {
    const s = await setup();
    s.unlock();
    await s.background.settled();
    const plans = s.background.scheduler.planCount;
    s.power.emit('resume');
    expect(s.background.scheduler.planCount).toBe(plans + 1);
    s.background.stop();
    s.power.emit('resume');
    expect(s.background.scheduler.planCount).toBe(plans + 1);
  });

  it('leaves the scheduler locked when the vault is locked while reconcile still runs', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const s = await setup({
      reconcile: async () => {
        await gate;
        return { outcomes: [], entries: [], orphansRevoked: 0, revokeFailed: 0, errors: [] };
      },
    });
    s.unlock();
    const settled = s.background.settled();
    s.session.lock('idle');
    release();
    await settled;
    expect(s.background.scheduler.state).toBe('locked');
  });

  it('tells the user when reconcile fails on unlock (a damaged journal entry), and still starts the scheduler', async () => {
    const s = await setup({
      reconcile: async () => {
        throw new KeyturnError('VAULT_CORRUPT', 'The vault record “journal entry 7” is damaged');
      },
    });
    s.unlock();
    await s.background.settled();
    expect(s.notifier.shown).toContainEqual({
      title: 'Unfinished work could not be checked',
      body: 'The vault record “journal entry 7” is damaged. Open Keyturn to see the unfinished work; nothing was changed.',
    });
    expect(s.background.scheduler.state).toBe('unlocked');
  });
});
