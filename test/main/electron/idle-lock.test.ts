import { describe, expect, it } from 'vitest';
import type { LockReason } from '../../../src/main/api/session-state';
import { startIdleLock } from '../../../src/main/electron/idle-lock';
import { FakePowerMonitor } from '../../support/fake-power-monitor';
import { ManualClock } from '../../support/manual-clock';

function setup(idleMinutes = 10) {
  const clock = new ManualClock();
  const power = new FakePowerMonitor();
  const locks: LockReason[] = [];
  const stop = startIdleLock({
    power,
    clock,
    lock: (reason) => locks.push(reason),
    idleMinutes: () => idleMinutes,
    checkEveryMs: 30_000,
  });
  return { clock, power, locks, stop };
}

describe('idle lock', () => {
  it('locks once the system has been idle for the configured minutes', () => {
    const { clock, power, locks } = setup(10);
    power.idleSeconds = 599;
    clock.advance(30_000);
    expect(locks).toEqual([]);
    power.idleSeconds = 600;
    clock.advance(30_000);
    expect(locks).toEqual(['idle']);
  });

  it('locks on suspend and on screen lock', () => {
    const { power, locks } = setup();
    power.emit('suspend');
    power.emit('lock-screen');
    expect(locks).toEqual(['suspend', 'screen-lock']);
  });

  it('never locks for idleness when the setting is 0', () => {
    const { clock, power, locks } = setup(0);
    power.idleSeconds = 10_000;
    clock.advance(120_000);
    expect(locks).toEqual([]);
  });

  it('stops watching when stopped', () => {
    const { clock, power, locks, stop } = setup(1);
    stop();
    power.idleSeconds = 10_000;
    clock.advance(120_000);
    power.emit('suspend');
    expect(locks).toEqual([]);
    expect(clock.pendingCount).toBe(0);
  });
});
