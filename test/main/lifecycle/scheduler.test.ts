import { afterEach, describe, expect, it } from 'vitest';
import { ProviderClients } from '../../../src/main/lifecycle/clients';
import { createManagedToken, rotateToken } from '../../../src/main/lifecycle/rotation';
import { parseJournal } from '../../../src/main/lifecycle/rotation-state';
import { Scheduler } from '../../../src/main/lifecycle/scheduler';
import type { SchedulerEvent } from '../../../src/main/lifecycle/scheduler-events';
import { openVault } from '../../../src/main/vault';
import type { Vault } from '../../../src/main/vault/types';
import type { startSatoriEmulator } from '../../emulators';
import { FakeClock } from '../../support/fake-clock';
import { GatedClients } from '../../support/lifecycle-gate';
import { satoriWorld } from '../../support/lifecycle-fixture';
import { TEST_KDF_POLICY } from '../../support/vault-policy';

const DAY = 86_400_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(options: { concurrency?: number; providerIntervalMs?: number } = {}): Promise<{
  vault: Vault;
  path: string;
  environmentId: string;
  connectionId: string;
  clock: FakeClock;
  events: SchedulerEvent[];
  scheduler: Scheduler;
  clients: ProviderClients;
  emulator: Awaited<ReturnType<typeof startSatoriEmulator>>;
}> {
  const world = await satoriWorld();
  const { emulator } = world;
  cleanups.push(() => emulator.close());
  cleanups.push(() => {
    world.vault.lock();
  });
  const clock = new FakeClock(Date.now());
  const events: SchedulerEvent[] = [];
  const scheduler = new Scheduler({
    now: clock.now,
    emit: (event) => events.push(event),
    setTimer: () => () => undefined,
    random: () => 0.5,
    ...options,
  });
  cleanups.push(() => scheduler.stop());
  const clients = new ProviderClients(world.vault, { now: clock.now, sleep: clock.sleep });
  return { ...world, clock, events, scheduler, clients, emulator };
}

function addManualKey(vault: Vault, environmentId: string, label: string, expiresAt: number): string {
  return vault.addToken({
    environmentId,
    label,
    kind: 'api-key',
    provider: 'manual',
    secret: `secret-${label}`,
    expiresAt,
    expirySource: 'user',
  }).id;
}

describe('Scheduler', () => {
  it('fires an expiry reminder at the lead time, once', async () => {
    const s = await setup();
    // An api-key is `expiring` 14 days before expiry (DEFAULT_LEAD_TIMES in expiry.ts).
    const tokenId = addManualKey(s.vault, s.environmentId, 'deploy key', s.clock.now() + 20 * DAY);
    s.scheduler.unlock(s.vault, s.clients);
    await s.scheduler.tick();
    expect(s.events).toEqual([]);
    s.clock.advance(6 * DAY - 60_000);
    s.scheduler.wake();
    await s.scheduler.tick();
    expect(s.events).toEqual([]);
    s.clock.advance(120_000);
    await s.scheduler.tick();
    await s.scheduler.tick();
    const reminders = s.events.filter((event) => event.type === 'reminder-due');
    console.log(`reminders at lead time (14 days before an api-key expires): ${reminders.length}`);
    expect(reminders).toEqual([
      { type: 'reminder-due', tokenId, label: 'deploy key', expiresAt: s.clock.now() + 14 * DAY - 60_000 },
    ]);
  });

  it('rotates a token when its policy says so, and not before', async () => {
    const s = await setup();
    const made = await createManagedToken(
      s.vault,
      { environmentId: s.environmentId, connectionId: s.connectionId, label: 'ci', rotationPolicy: { everyDays: 30 } },
      { now: s.clock.now, clients: s.clients },
    );
    if (made.tokenId === null) throw new Error('setup');
    const firstKey = s.vault.getToken(made.tokenId).providerKeyId;
    s.scheduler.unlock(s.vault, s.clients);
    s.clock.advance(29 * DAY);
    s.scheduler.wake();
    await s.scheduler.tick();
    expect(s.vault.getToken(made.tokenId).providerKeyId).toBe(firstKey);
    s.clock.advance(2 * DAY);
    s.scheduler.wake();
    await s.scheduler.tick();
    expect(s.events).toContainEqual(expect.objectContaining({ type: 'rotation-done', tokenId: made.tokenId }));
    expect(s.vault.getToken(made.tokenId).providerKeyId).not.toBe(firstKey);
    expect(s.emulator.state.activeKeys().map((key) => key.id)).not.toContain(firstKey);
  });

  it('runs nothing that needs a key while locked, but still reminds from plaintext expiry', async () => {
    const s = await setup();
    await createManagedToken(
      s.vault,
      { environmentId: s.environmentId, connectionId: s.connectionId, label: 'ci', rotationPolicy: { everyDays: 1 } },
      { now: s.clock.now, clients: s.clients },
    );
    addManualKey(s.vault, s.environmentId, 'soon', s.clock.now() + 2 * DAY);
    const file = openVault(s.path, { policy: TEST_KDF_POLICY });
    cleanups.push(() => file.close());
    s.scheduler.lock(file.summary());
    s.clock.advance(5 * DAY);
    const requests = s.emulator.requests.length;
    await s.scheduler.tick();
    expect(s.emulator.requests.length).toBe(requests);
    expect(s.events.filter((event) => event.type === 'rotation-done')).toEqual([]);
    // 'ci' was created to expire 14 days after its planned rotation (day 15): 10 days left, inside an
    // api-key's lead time. 'soon' expired on day 2: `ls` calls it expired, not expiring, so it is not counted.
    expect(s.events.filter((event) => event.type === 'locked-reminder-due')).toEqual([
      { type: 'locked-reminder-due', count: 1, before: s.clock.now() + 14 * DAY },
    ]);
  });

  it('re-plans after a clock jump and on wake, picking up changes the old plan did not know', async () => {
    const s = await setup();
    const tokenId = addManualKey(s.vault, s.environmentId, 'far', s.clock.now() + 60 * DAY);
    s.scheduler.unlock(s.vault, s.clients);
    s.vault.updateToken(tokenId, { expiresAt: s.clock.now() + 2 * DAY });
    s.clock.advance(60_000);
    await s.scheduler.tick();
    expect(s.events).toEqual([]);
    const plans = s.scheduler.planCount;
    s.clock.advance(3 * 3_600_000);
    await s.scheduler.tick();
    expect(s.scheduler.planCount).toBeGreaterThan(plans);
    expect(s.events).toContainEqual(expect.objectContaining({ type: 'reminder-due', tokenId }));
    const beforeWake = s.scheduler.planCount;
    s.scheduler.wake();
    expect(s.scheduler.planCount).toBe(beforeWake + 1);
  });

  it('queues a rotation that meets an offline provider as pending, then retries it with backoff', async () => {
    const s = await setup();
    const made = await createManagedToken(
      s.vault,
      { environmentId: s.environmentId, connectionId: s.connectionId, label: 'ci', rotationPolicy: { everyDays: 1 } },
      { now: s.clock.now, clients: s.clients },
    );
    s.scheduler.unlock(s.vault, s.clients);
    s.clock.advance(2 * DAY);
    s.emulator.inject({ fault: { kind: 'status', status: 503 }, times: 1000 });
    s.scheduler.wake();
    await s.scheduler.tick();
    expect(s.scheduler.pending().length).toBe(1);
    expect(s.events).toContainEqual(expect.objectContaining({ type: 'work-pending' }));
    s.emulator.clearFaults();
    await s.scheduler.tick();
    expect(s.events.filter((event) => event.type === 'rotation-done')).toEqual([]);
    s.clock.advance(10 * 60_000);
    await s.scheduler.tick();
    expect(s.events).toContainEqual(expect.objectContaining({ type: 'rotation-done', tokenId: made.tokenId }));
    expect(s.scheduler.pending()).toEqual([]);
  });

  it('leaves a journal another process holds alone, without counting a failure, and resumes it once free', async () => {
    const s = await setup();
    const made = await createManagedToken(
      s.vault,
      { environmentId: s.environmentId, connectionId: s.connectionId, label: 'ci' },
      { now: s.clock.now, clients: s.clients },
    );
    s.emulator.inject({ fault: { kind: 'status', status: 503 }, method: 'POST', times: 1 });
    const pending = await rotateToken(s.vault, made.tokenId ?? '', { now: s.clock.now, clients: s.clients });
    expect(pending.status).toBe('pending');
    const other = s.vault.claimJournal(pending.journalId);
    s.scheduler.unlock(s.vault, s.clients);
    await s.scheduler.tick();
    await s.scheduler.tick();
    // Busy is not news: no event, no backoff, and the journal is untouched.
    expect(s.events).toEqual([]);
    expect(s.scheduler.pending()).toMatchObject([{ attempts: 0, error: { code: 'ROTATION_IN_PROGRESS' } }]);
    expect(parseJournal(s.vault.getJournal(pending.journalId)).rotation.step).toBe('planned');
    other?.release();
    s.clock.advance(31_000);
    await s.scheduler.tick();
    expect(s.events).toContainEqual(expect.objectContaining({ type: 'rotation-done', journalId: pending.journalId }));
  });

  it('starts at most one task per provider per interval', async () => {
    const s = await setup();
    for (const label of ['a', 'b']) {
      await createManagedToken(
        s.vault,
        { environmentId: s.environmentId, connectionId: s.connectionId, label, rotationPolicy: { everyDays: 1 } },
        { now: s.clock.now, clients: s.clients },
      );
    }
    s.scheduler.unlock(s.vault, s.clients);
    s.clock.advance(2 * DAY);
    s.scheduler.wake();
    await s.scheduler.tick();
    expect(s.events.filter((event) => event.type === 'rotation-done')).toHaveLength(1);
    s.clock.advance(1000);
    await s.scheduler.tick();
    expect(s.events.filter((event) => event.type === 'rotation-done')).toHaveLength(2);
  });

  it('runs no more tasks at once than its bound, and the rest after a slot frees', async () => {
    const bound = 2;
    const total = 5;
    // No per-provider interval, so only the concurrency bound holds tasks back.
    const s = await setup({ concurrency: bound, providerIntervalMs: 0 });
    for (let index = 0; index < total; index += 1) {
      await createManagedToken(
        s.vault,
        {
          environmentId: s.environmentId,
          connectionId: s.connectionId,
          label: `key ${index}`,
          rotationPolicy: { everyDays: 1 },
        },
        { now: s.clock.now, clients: s.clients },
      );
    }
    const gate = new GatedClients(s.clients);
    s.scheduler.unlock(s.vault, gate);
    s.clock.advance(2 * DAY);
    s.scheduler.wake();
    const done = (): number => s.events.filter((event) => event.type === 'rotation-done').length;
    let maxRunning = 0;
    const ticking = s.scheduler.tick();
    for (let started = bound; started <= total; started += 1) {
      await gate.arrived(started);
      // Let every other ready task reach the gate too, if the scheduler would start it.
      for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      const running = gate.arrivals - done();
      maxRunning = Math.max(maxRunning, running);
      expect(running).toBeLessThanOrEqual(bound);
      expect(gate.arrivals).toBe(started);
      gate.releaseOne();
      if (started < total) await gate.arrived(started + 1);
    }
    while (gate.waiting > 0) gate.releaseOne();
    await ticking;
    console.log(`${total} rotations due, bound ${bound}: at most ${maxRunning} ran at once; ${done()} done afterwards`);
    expect(maxRunning).toBe(bound);
    expect(done()).toBe(total);
    expect(gate.arrivals).toBe(total);
  });

  /** A rotated token whose old key Satori refused to revoke: its journal is left in `revoke-failed`. */
  async function refusedRevoke(
    s: Awaited<ReturnType<typeof setup>>,
    label: string,
  ): Promise<{ journalId: string; keyId: string }> {
    const deps = { now: s.clock.now, clients: s.clients };
    const made = await createManagedToken(
      s.vault,
      { environmentId: s.environmentId, connectionId: s.connectionId, label },
      deps,
    );
    if (made.tokenId === null) throw new Error('setup');
    const keyId = s.vault.getToken(made.tokenId).providerKeyId;
    // Refused twice: the retire step, then runJournal's own immediate retry of the revoke-failed entry.
    s.emulator.inject({ fault: { kind: 'status', status: 403, body: '{"detail":"Nope."}' }, method: 'PUT', times: 2 });
    const outcome = await rotateToken(s.vault, made.tokenId, deps);
    s.emulator.clearFaults();
    expect(parseJournal(s.vault.getJournal(outcome.journalId)).rotation).toMatchObject({
      step: 'revoke-failed',
      keyId,
    });
    if (keyId === null) throw new Error('setup');
    return { journalId: outcome.journalId, keyId };
  }

  it('retries a key the provider refused to revoke with growing backoff, alerts while it keeps failing, and says when it is gone', async () => {
    const s = await setup();
    const { journalId, keyId } = await refusedRevoke(s, 'ci');
    const refusals = 3;
    s.emulator.inject({
      fault: { kind: 'status', status: 403, body: '{"detail":"Nope."}' },
      method: 'PUT',
      times: refusals,
    });
    s.scheduler.unlock(s.vault, s.clients);
    await s.scheduler.tick();
    expect(s.scheduler.pending()).toEqual([]);
    s.clock.advance(60_000);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= refusals; attempt += 1) {
      await s.scheduler.tick();
      const [work] = s.scheduler.pending();
      expect(work).toMatchObject({ task: `retry-revoke:${journalId}`, attempts: attempt });
      if (work === undefined) throw new Error('no pending work');
      delays.push(work.retryAt - s.clock.now());
      // Not retried before its time.
      const requests = s.emulator.requests.length;
      s.clock.advance(work.retryAt - s.clock.now() - 1);
      await s.scheduler.tick();
      expect(s.emulator.requests.length).toBe(requests);
      s.clock.advance(1);
    }
    await s.scheduler.tick();
    const alerts = s.events.filter((event) => event.type === 'revoke-still-failing');
    const retried = s.events.filter((event) => event.type === 'revoke-retried');
    console.log(
      `revoke refused ${refusals} times: retried after ${delays.map((ms) => `${ms / 1000} s`).join(', ')}; ` +
        `revoked on try ${refusals + 1}; ${alerts.length} still-failing alert(s), ${retried.length} revoked event`,
    );
    expect(delays[1]).toBeGreaterThan(delays[0] ?? Infinity);
    expect(delays[2]).toBeGreaterThan(delays[1] ?? Infinity);
    expect(alerts).toEqual([expect.objectContaining({ journalId, keyId, attempts: 3 })]);
    expect(retried).toEqual([expect.objectContaining({ journalId, keyId, attempts: refusals + 1 })]);
    expect(parseJournal(s.vault.getJournal(journalId)).rotation.step).toBe('done');
    expect(s.emulator.state.activeKeys().map((key) => key.id)).not.toContain(keyId);
    expect(s.scheduler.pending()).toEqual([]);
  });

  it('retries refused revokes one start per provider per interval and honours Retry-After', async () => {
    const s = await setup();
    const first = await refusedRevoke(s, 'a');
    const second = await refusedRevoke(s, 'b');
    s.emulator.inject({ fault: { kind: 'rate-limit', retryAfter: '600' }, method: 'PUT', times: 1 });
    s.scheduler.unlock(s.vault, s.clients);
    s.clock.advance(60_000);
    await s.scheduler.tick();
    // One start for Satori this interval: the first is rate limited, the second waits its turn.
    expect(s.scheduler.pending()).toEqual([
      expect.objectContaining({ task: `retry-revoke:${first.journalId}`, attempts: 1 }),
    ]);
    expect(s.scheduler.pending()[0]?.retryAt).toBe(s.clock.now() + 600_000);
    expect(s.events.filter((event) => event.type === 'revoke-retried')).toEqual([]);
    s.clock.advance(1000);
    await s.scheduler.tick();
    expect(s.events.filter((event) => event.type === 'revoke-retried')).toEqual([
      expect.objectContaining({ journalId: second.journalId }),
    ]);
    s.clock.advance(598_000);
    await s.scheduler.tick();
    expect(parseJournal(s.vault.getJournal(first.journalId)).rotation.step).toBe('revoke-failed');
    s.clock.advance(1000);
    await s.scheduler.tick();
    expect(parseJournal(s.vault.getJournal(first.journalId)).rotation.step).toBe('done');
    expect(s.emulator.state.activeKeys().map((key) => key.id)).not.toContain(first.keyId);
  });
});
