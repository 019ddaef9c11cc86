/**
 * A pending version belongs to the operation that wrote it. A rotation's journal owns it until the
 * journal is done or abandoned; one left with no open journal is stale (for example an
 * `import --overwrite` killed between storing the new value and promoting it, before the overwrite
 * became one transaction) and would otherwise block every later new version of its token.
 * Ownership is decided here only, so journal liveness (a lease or the owner's pid) can extend it.
 */
import { KeyturnError } from '../../shared/errors';
import { hasOpenJournal } from './journal';
import type { Session } from './session';
import * as versions from './versions';

/** True when no open journal entry owns the token's pending version. */
export function isStalePending(s: Session, tokenId: string): boolean {
  return !hasOpenJournal(s.db, tokenId);
}

/**
 * Inside a write transaction, before a new version takes the token's pending slot: a stale pending
 * version is kept as `previous` (nothing is deleted: it may still work at the provider); one an
 * open journal owns refuses with ROTATION_IN_PROGRESS and nothing changes.
 */
export function retireStalePending(s: Session, tokenId: string): void {
  const pendingId = versions.versionIdWithStatus(s, tokenId, 'pending');
  if (pendingId === null) return;
  if (!isStalePending(s, tokenId)) {
    throw new KeyturnError(
      'ROTATION_IN_PROGRESS',
      'This token has a rotation in progress that owns its pending version; try again when it is finished',
    );
  }
  versions.rewriteVersion(s, pendingId, { status: 'previous' });
}
