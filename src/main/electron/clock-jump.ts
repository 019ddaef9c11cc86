/**
 * Notices when the wall clock jumps (the user or NTP set it, or the machine slept without a
 * resume event): wall time and a monotonic clock should advance together between two checks.
 * Electron has no clock-change event, so a cheap periodic check stands in for one.
 */
export interface ClockJumpDeps {
  readonly wallNow: () => number;
  /** performance.now() in production: never jumps. */
  readonly monotonicNow: () => number;
  readonly setTimer: (ms: number, fire: () => void) => () => void;
  readonly onJump: (byMs: number) => void;
  readonly everyMs?: number;
  readonly slackMs?: number;
}

/** Starts watching; returns a function that stops it. */
export function watchClockJumps(deps: ClockJumpDeps): () => void {
  const everyMs = deps.everyMs ?? 60_000;
  const slackMs = deps.slackMs ?? 30_000;
  let wall = deps.wallNow();
  let mono = deps.monotonicNow();
  let cancel = (): void => undefined;
  const check = (): void => {
    const nextWall = deps.wallNow();
    const nextMono = deps.monotonicNow();
    const drift = nextWall - wall - (nextMono - mono);
    wall = nextWall;
    mono = nextMono;
    if (Math.abs(drift) > slackMs) deps.onJump(drift);
    cancel = deps.setTimer(everyMs, check);
  };
  cancel = deps.setTimer(everyMs, check);
  return () => cancel();
}
