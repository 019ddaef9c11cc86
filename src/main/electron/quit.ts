/**
 * Every way out locks first (DESIGN §2): the tray's Quit, Cmd+Q, app.quit() from anywhere, and the
 * OS shutting down. The keys are dropped and zeroed at once, synchronously; the quit then waits
 * (briefly) for the clipboard to be cleared if it still holds a value Keyturn put there, and for
 * the background work to stop, and then goes ahead.
 */
import type { Clock } from '../api/ports';
import type { PreventableEvent } from './electron-api';

/** Electron's app satisfies it. */
export interface QuittingApp {
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/unified-signatures -- per-event overloads, as in Electron's types
  on(event: 'will-quit', listener: (event: PreventableEvent) => void): unknown;
  quit(): void;
}

export interface QuitDeps {
  readonly app: QuittingApp;
  /** Electron's powerMonitor: 'shutdown' on Linux and macOS. */
  readonly power: { on(event: 'shutdown', listener: () => void): unknown };
  readonly clock: Clock;
  /** Locks the session: Vault.lock zeroes the keys. */
  readonly lock: () => void;
  /** Clears the clipboard if it still holds our value. */
  readonly clearClipboard: () => Promise<void>;
  /** Stops timers, the scheduler and OS listeners. */
  readonly stop: () => void;
  /** How long the clipboard may take before the quit goes ahead anyway. */
  readonly clipboardDeadlineMs?: number;
}

export function lockOnQuit(deps: QuitDeps): void {
  let state: 'running' | 'cleaning' | 'clean' = 'running';
  const onQuit = (event: PreventableEvent): void => {
    if (state === 'clean') return;
    event.preventDefault();
    if (state === 'cleaning') return;
    state = 'cleaning';
    deps.lock();
    void withDeadline(deps.clearClipboard(), deps.clock, deps.clipboardDeadlineMs ?? 2_000).finally(() => {
      deps.stop();
      state = 'clean';
      deps.app.quit();
    });
  };
  deps.app.on('before-quit', onQuit);
  // will-quit as a second chance: a quit path that skipped before-quit still passes here.
  deps.app.on('will-quit', onQuit);
  // The OS shutting down (Linux, macOS) would end the process without before-quit: quit through it.
  deps.power.on('shutdown', () => deps.app.quit());
}

function withDeadline(work: Promise<void>, clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = clock.setTimeout(resolve, ms);
    work
      .catch(() => undefined)
      .finally(() => {
        clock.clearTimeout(timer);
        resolve();
      });
  });
}
