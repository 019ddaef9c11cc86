/** What the scheduler tells the Electron shell, which turns these into notifications. */
import type { ErrorData } from '../../shared/errors';

export type SchedulerEvent =
  | { readonly type: 'reminder-due'; readonly tokenId: string; readonly label: string; readonly expiresAt: number }
  /** While locked only plaintext expiry columns are readable: a count, no names. */
  | { readonly type: 'locked-reminder-due'; readonly count: number; readonly before: number }
  | { readonly type: 'session-refreshed'; readonly tokenId: string }
  | { readonly type: 'rotation-done'; readonly tokenId: string | null; readonly journalId: string }
  | { readonly type: 'rotation-failed'; readonly tokenId: string | null; readonly journalId: string | null; readonly reason: string }
  | { readonly type: 'rotation-needs-user'; readonly tokenId: string | null; readonly journalId: string; readonly message: string }
  /** Queued work that could not run (offline, rate limited): shown as pending, retried with backoff. */
  | { readonly type: 'work-pending'; readonly task: string; readonly error: ErrorData; readonly retryAt: number };

export interface PendingWork {
  readonly task: string;
  readonly error: ErrorData;
  readonly retryAt: number;
  readonly attempts: number;
}

/** Exponential backoff with jitter, capped; a provider's Retry-After wins. */
export function retryDelayMs(attempts: number, error: ErrorData, random: () => number): number {
  if (error.retryAfterSeconds !== undefined) return error.retryAfterSeconds * 1000;
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.5 + random() * 0.5));
}
