import { describe, expect, it } from 'vitest';
import { watchClockJumps } from '../../../src/main/electron/clock-jump';

function setup() {
  let wall = Date.UTC(2030, 0, 1);
  let mono = 1_000;
  let fire: (() => void) | null = null;
  const jumps: number[] = [];
  const stop = watchClockJumps({
    wallNow: () => wall,
    monotonicNow: () => mono,
    setTimer: (_ms, callback) => {
      fire = callback;
      return () => (fire = null);
    },
    onJump: (by) => jumps.push(by),
    slackMs: 30_000,
  });
  const pass = (wallMs: number, monoMs: number): void => {
    wall += wallMs;
    mono += monoMs;
    const callback = fire;
    if (callback === null) throw new Error('not armed');
    callback();
  };
  return { jumps, pass, stop, armed: () => fire !== null };
}

describe('clock jump watch', () => {
  it('stays quiet while wall and monotonic time advance together', () => {
    const s = setup();
    for (let i = 0; i < 10; i += 1) s.pass(60_000, 60_000 + (i % 2) * 500);
    expect(s.jumps).toEqual([]);
  });

  it('reports a jump forward and a jump back, once each', () => {
    const s = setup();
    s.pass(60_000 + 3 * 3_600_000, 60_000);
    s.pass(60_000, 60_000);
    s.pass(60_000 - 10 * 60_000, 60_000);
    expect(s.jumps).toEqual([3 * 3_600_000, -10 * 60_000]);
  });

  it('stops checking when stopped', () => {
    const s = setup();
    s.stop();
    expect(s.armed()).toBe(false);
  });
});
