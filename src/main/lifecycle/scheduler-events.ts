/** What the scheduler tells the Electron shell, which turns these into notifications. */
import type { ErrorData } from '../../shared/errors';

export type SchedulerEvent =
  | { readonly type: 'reminder-due'; readonly tokenId: string; readonly label: string; readonly expiresAt: number }
  /** While locked only plaintext expiry columns are readable: a count, no names. */
  | { readonly type: 'locked-reminder-due'; readonly count: number; readonly before: number }
  | { readonly type: 'session-refreshed'; readonly tokenId: string }
  | { readonly type: 'rotation-done'; readonly tokenId: string | null; readonly journalId: string }
  | {
      readonly type: 'rotation-failed';
      readonly tokenId: string | null;
      readonly journalId: string | null;
      readonly reason: string;
    }
  | {
      readonly type: 'rotation-needs-user';
      readonly tokenId: string | null;
      readonly journalId: string;
      readonly message: string;
    }
  /** A key the provider had refused to revoke is finally revoked, after `attempts` scheduler tries. */
  | {
      readonly type: 'revoke-retried';
      readonly tokenId: string | null;
      readonly journalId: string;
      readonly keyId: string;
      readonly attempts: number;
    }
  /** Still refused after `attempts` tries (sent at REVOKE_ALERT_AFTER tries, then each time the count doubles). */
  | {
      readonly type: 'revoke-still-failing';
      readonly tokenId: string | null;
      readonly journalId: string;
      readonly keyId: string;
      readonly attempts: number;
      readonly reason: string;
      readonly retryAt: number;
    }
  /** Queued work that could not run (offline, rate limited): shown as pending, retried with backoff. */
  | { readonly type: 'work-pending'; readonly task: string; readonly error: ErrorData; readonly retryAt: number };

export interface PendingWork {
  readonly task: string;
  readonly error: ErrorData;
  readonly retryAt: number;
  readonly attempts: number;
}

export const REVOKE_ALERT_AFTER = 3;

/** Alert at 3 failed tries, then 6, 12, 24…: the user hears it keeps failing without a flood. */
export function isRevokeAlertDue(attempts: number): boolean {
  if (attempts < REVOKE_ALERT_AFTER || attempts % REVOKE_ALERT_AFTER !== 0) return false;
  const multiple = attempts / REVOKE_ALERT_AFTER;
  return (multiple & (multiple - 1)) === 0;
}

/** Exponential backoff with jitter, capped; a provider's Retry-After wins. */
export function retryDelayMs(attempts: number, error: ErrorData, random: () => number): number {
  if (error.retryAfterSeconds !== undefined) return error.retryAfterSeconds * 1000;
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.5 + random() * 0.5));
}
