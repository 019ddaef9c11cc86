/**
 * Lock after N idle minutes, on suspend and on screen lock. The power monitor and the clock
 * are injected; Electron's powerMonitor satisfies PowerMonitorLike.
 */
import type { LockReason } from '../api/session-state';
import type { Clock, TimerHandle } from '../api/ports';

// Separate overloads on purpose: Electron's own types are per-event overloads, and a union
// parameter would not accept them.
/* eslint-disable @typescript-eslint/unified-signatures */
export interface PowerMonitorLike {
  /** Seconds since the last user input, system-wide. */
  getSystemIdleTime(): number;
  on(event: 'suspend', listener: () => void): this;
  on(event: 'lock-screen', listener: () => void): this;
  removeListener(event: 'suspend', listener: () => void): this;
  removeListener(event: 'lock-screen', listener: () => void): this;
}
/* eslint-enable @typescript-eslint/unified-signatures */

export interface IdleLockDeps {
  readonly power: PowerMonitorLike;
  readonly clock: Clock;
  readonly lock: (reason: LockReason) => void;
  /** Read at every check so a changed setting applies at once; 0 disables the idle timer. */
  readonly idleMinutes: () => number;
  /** Read when the event comes (the settings lock.onSleep / lock.onScreenLock); omitted: always lock. */
  readonly lockOnSleep?: () => boolean;
  readonly lockOnScreenLock?: () => boolean;
  readonly checkEveryMs?: number;
}

export const DEFAULT_IDLE_MINUTES = 10;

/** Starts watching; returns a function that stops it. */
export function startIdleLock(deps: IdleLockDeps): () => void {
  const checkEveryMs = deps.checkEveryMs ?? 30_000;
  const onSuspend = (): void => {
    if (deps.lockOnSleep?.() !== false) deps.lock('suspend');
  };
  const onScreenLock = (): void => {
    if (deps.lockOnScreenLock?.() !== false) deps.lock('screen-lock');
  };
  let timer: TimerHandle | null = null;

  const check = (): void => {
    const minutes = deps.idleMinutes();
    if (minutes > 0 && deps.power.getSystemIdleTime() >= minutes * 60) deps.lock('idle');
    timer = deps.clock.setTimeout(check, checkEveryMs);
  };

  deps.power.on('suspend', onSuspend);
  deps.power.on('lock-screen', onScreenLock);
  timer = deps.clock.setTimeout(check, checkEveryMs);

  return () => {
    if (timer !== null) deps.clock.clearTimeout(timer);
    deps.power.removeListener('suspend', onSuspend);
    deps.power.removeListener('lock-screen', onScreenLock);
  };
}
