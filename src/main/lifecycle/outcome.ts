/** What running a journal entry as far as it can go led to. */
import type { ErrorData } from '../../shared/errors';

export type RunOutcome =
  | { readonly status: 'done'; readonly journalId: string; readonly tokenId: string | null }
  | { readonly status: 'failed'; readonly journalId: string; readonly tokenId: string | null; readonly reason: string }
  /** The grace period keeps the previous key alive until `until`. */
  | { readonly status: 'waiting'; readonly journalId: string; readonly tokenId: string | null; readonly until: number }
  /** A transient provider error: queued, shown as pending, retried later. */
  | {
      readonly status: 'pending';
      readonly journalId: string;
      readonly tokenId: string | null;
      readonly error: ErrorData;
    }
  /** A live process (another `keyturn`, or the app) is working on this entry: left alone. */
  | { readonly status: 'busy'; readonly journalId: string; readonly tokenId: string | null }
  /** The user must act (confirm a manual revoke) or a key could not be revoked. */
  | {
      readonly status: 'needs-user';
      readonly journalId: string;
      readonly tokenId: string | null;
      readonly message: string;
      /** The provider's answer when a revoke was refused again (drives the scheduler's backoff). */
      readonly error?: ErrorData;
      /** For a promoted value awaiting confirmation: false when it was promoted without the provider's check. */
      readonly verified?: boolean | null;
    };

/** Errors after which the same call may succeed later (and may have taken effect already). */
export function isTransient(error: ErrorData): boolean {
  return (
    error.code === 'PROVIDER_UNAVAILABLE' ||
    error.code === 'PROVIDER_RATE_LIMITED' ||
    error.code === 'PROVIDER_BAD_RESPONSE' ||
    error.code === 'INTERNAL'
  );
}
