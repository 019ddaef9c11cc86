/** Which unfinished journals the scheduler may resume or retry by itself, and when. */
import type { ProviderId } from '../../shared/model';
import type { Vault } from '../vault/types';
import { parseJournal } from './rotation-state';

/** A key that could not be revoked is first retried this long after it failed (reconcile also tries on start). */
export const REVOKE_FIRST_RETRY_MS = 30_000;

export interface ResumableJournal {
  readonly journalId: string;
  readonly provider: ProviderId | null;
  readonly dueAt: number;
}

export interface RevokeRetry extends ResumableJournal {
  readonly keyId: string;
}

export function resumableJournals(
  vault: Vault,
  now: number,
): { resume: ResumableJournal[]; revokeRetries: RevokeRetry[] } {
  const resume: ResumableJournal[] = [];
  const revokeRetries: RevokeRetry[] = [];
  for (const entry of vault.listJournal({ unfinishedOnly: true })) {
    const { rotation, operation } = parseJournal(entry);
    // Waiting for the user: nothing to do until they act.
    if (rotation.step === 'awaiting-confirmation') continue;
    if (operation === 'manual-rotate' && rotation.step === 'planned') continue;
    const provider = rotation.connectionId === null ? null : vault.getConnection(rotation.connectionId).provider;
    if (rotation.step === 'revoke-failed') {
      revokeRetries.push({
        journalId: entry.id,
        provider,
        keyId: rotation.keyId,
        dueAt: entry.updatedAt + REVOKE_FIRST_RETRY_MS,
      });
      continue;
    }
    const dueAt = rotation.step === 'promoted' ? rotation.promotedAt + rotation.graceMinutes * 60_000 : now;
    resume.push({ journalId: entry.id, provider, dueAt });
  }
  return { resume, revokeRetries };
}
