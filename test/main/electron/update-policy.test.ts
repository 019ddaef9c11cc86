import { describe, expect, it } from 'vitest';
import {
  CHECK_EVERY_MS,
  RETRY_MS,
  TICK_MS,
  decideInstall,
  isCheckDue,
  shouldRunUpdates,
  startUpdateSchedule,
  type OpenJournals,
  type UpdaterPort,
} from '../../../src/main/electron/update-policy';
import { ManualClock } from '../../support/manual-clock';

/** electron-updater as the schedule sees it: counts looks and installs, fails on demand. */
class FakeUpdater implements UpdaterPort {
  checks = 0;
  installs = 0;
  failNext = false;
  private listener: ((version: string) => void) | null = null;

  async checkForUpdates(): Promise<void> {
    this.checks += 1;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('net::ERR_INTERNET_DISCONNECTED');
    }
  }
  installAndRestart(): void {
    this.installs += 1;
  }
  onUpdateReady(listener: (version: string) => void): void {
    this.listener = listener;
  }
  download(version: string): void {
    this.listener?.(version);
  }
}

function setUp(journals: { open: OpenJournals } = { open: 0 }, updater = new FakeUpdater()) {
  const clock = new ManualClock();
  const notices: string[] = [];
  const logs: string[] = [];
  const updates = startUpdateSchedule({
    clock,
    updater,
    openJournals: () => journals.open,
    notice: { ready: (v) => notices.push(`ready ${v}`), waiting: (v) => notices.push(`waiting ${v}`) },
    log: (line) => logs.push(line),
  });
  return { clock, updater, notices, logs, updates, journals };
}

/** Lets the schedule's promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('shouldRunUpdates, isCheckDue and decideInstall', () => {
  it('runs in a packaged app only, unless KEYTURN_UPDATES=off', () => {
    expect(shouldRunUpdates(true, {})).toBe(true);
    expect(shouldRunUpdates(false, {})).toBe(false);
    expect(shouldRunUpdates(true, { KEYTURN_UPDATES: 'off' })).toBe(false);
    expect(shouldRunUpdates(true, { KEYTURN_UPDATES: 'on' })).toBe(true);
  });

  it('looks on start, then a day after the last look, and again if the clock went back', () => {
    expect(isCheckDue(null, 0)).toBe(true);
    expect(isCheckDue(1_000, 1_000 + CHECK_EVERY_MS - 1)).toBe(false);
    expect(isCheckDue(1_000, 1_000 + CHECK_EVERY_MS)).toBe(true);
    expect(isCheckDue(5_000, 1_000)).toBe(true);
  });

  it('installs only a ready update with no rotation journal open, or that may be open', () => {
    expect(decideInstall(null, 0)).toBe('nothing-to-install');
    expect(decideInstall('1.2.0', 0)).toBe('install');
    expect(decideInstall('1.2.0', 1)).toBe('wait-for-rotation');
    expect(decideInstall('1.2.0', 'unknown')).toBe('wait-for-rotation');
  });
});

describe('startUpdateSchedule', () => {
  it('looks on start and once a day after that, not at every tick', async () => {
    const { clock, updater, updates } = setUp();
    await settle();
    expect(updater.checks).toBe(1);
    clock.advance(CHECK_EVERY_MS - TICK_MS);
    await settle();
    expect(updater.checks).toBe(1);
    clock.advance(TICK_MS);
    await settle();
    expect(updater.checks).toBe(2);
    updates.stop();
  });

  it('retries a failed look at the next hourly tick, and says why in the log', async () => {
    const offline = new FakeUpdater();
    offline.failNext = true;
    const { clock, updater, logs, updates } = setUp({ open: 0 }, offline);
    await settle();
    expect(updater.checks).toBe(1);
    expect(logs[0]).toMatch(/update check failed.*ERR_INTERNET_DISCONNECTED/);
    clock.advance(TICK_MS);
    await settle();
    expect(updater.checks).toBe(2);
    clock.advance(TICK_MS);
    await settle();
    expect(updater.checks).toBe(2);
    updates.stop();
  });

  it('announces a downloaded update once and installs it only when the user asks', async () => {
    const { updater, notices, updates } = setUp();
    updater.download('1.2.0');
    updater.download('1.2.0');
    expect(notices).toEqual(['ready 1.2.0']);
    expect(updater.installs).toBe(0);
    expect(updates.restartRequested()).toBe('install');
    expect(updater.installs).toBe(1);
    updates.stop();
  });

  it('never installs while a rotation journal is open: it waits, then installs once it is closed', async () => {
    const { clock, updater, notices, updates, journals } = setUp({ open: 1 });
    updater.download('1.2.0');
    expect(updates.restartRequested()).toBe('wait-for-rotation');
    expect(notices).toEqual(['ready 1.2.0', 'waiting 1.2.0']);
    clock.advance(RETRY_MS * 3);
    expect(updater.installs).toBe(0);
    journals.open = 0;
    clock.advance(RETRY_MS);
    expect(updater.installs).toBe(1);
    clock.advance(RETRY_MS * 3);
    expect(updater.installs).toBe(1);
    updates.stop();
  });

  it('treats a vault it cannot read (locked) as possibly rotating', () => {
    const { clock, updater, updates, journals } = setUp({ open: 'unknown' });
    updater.download('1.2.0');
    expect(updates.restartRequested()).toBe('wait-for-rotation');
    clock.advance(RETRY_MS * 2);
    expect(updater.installs).toBe(0);
    journals.open = 0;
    clock.advance(RETRY_MS);
    expect(updater.installs).toBe(1);
    updates.stop();
  });

  it('does nothing on a restart request with no update ready', () => {
    const { updater, notices, updates } = setUp();
    expect(updates.restartRequested()).toBe('nothing-to-install');
    expect(updater.installs).toBe(0);
    expect(notices).toEqual([]);
    updates.stop();
  });

  it('leaves no timer behind once stopped', () => {
    const { clock, updater, updates } = setUp({ open: 1 });
    updater.download('1.2.0');
    updates.restartRequested();
    expect(clock.pendingCount).toBe(2);
    updates.stop();
    expect(clock.pendingCount).toBe(0);
  });
});
