/**
 * The OS seams the handlers use. Each has an Electron implementation (src/main/electron)
 * and a small fake in test/support.
 */
import type { CliApprovalAnswer, CliApprovalRequest } from '../../shared/cli-approval';

/** Wall-clock time and timers, so tests can move time by hand. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly id: number | object;
}

/** Copies a secret and forgets it later; implemented over the OS clipboard. */
export interface SecretClipboard {
  /**
   * Writes the value and schedules clearing; returns when it will be cleared (epoch ms).
   * `clearAfterMs` overrides the port's configured delay for this copy.
   */
  copy(value: string, options?: { readonly clearAfterMs?: number }): Promise<{ clearsAt: number }>;
  /** Clears now, but only if the clipboard still holds what Keyturn put there. */
  clearIfOurs(): Promise<void>;
}

export interface Notifier {
  notify(title: string, body: string): void;
}

/** Terminals waiting for the user's approval (main's app link), as the window's actions reach them. */
export interface CliApprovalPort {
  pending(): readonly CliApprovalRequest[];
  /** False when there is no such question (already answered, timed out, withdrawn). */
  answer(answer: CliApprovalAnswer): boolean;
}

/** Wraps Node's timers as a Clock. */
export function systemClock(): Clock {
  return {
    now: () => Date.now(),
    setTimeout: (callback, delayMs) => {
      const timer = setTimeout(callback, delayMs);
      timer.unref();
      return { id: timer };
    },
    clearTimeout: (handle) => {
      if (typeof handle.id === 'object') clearTimeout(handle.id as NodeJS.Timeout);
    },
  };
}
