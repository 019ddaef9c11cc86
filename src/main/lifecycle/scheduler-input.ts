/** Which unfinished journals the scheduler may resume by itself, and when. */
import type { ProviderId } from '../../shared/model';
import type { Vault } from '../vault/types';
import { parseJournal } from './rotation-state';

export function resumableJournals(
  vault: Vault,
  now: number,
): { journalId: string; provider: ProviderId | null; dueAt: number }[] {
  const result: { journalId: string; provider: ProviderId | null; dueAt: number }[] = [];
  for (const entry of vault.listJournal({ unfinishedOnly: true })) {
    const { rotation, operation } = parseJournal(entry);
    // Waiting for the user, or retried by reconcile on the next start.
    if (rotation.step === 'awaiting-confirmation' || rotation.step === 'revoke-failed') continue;
    if (operation === 'manual-rotate' && rotation.step === 'planned') continue;
    const dueAt = rotation.step === 'promoted' ? rotation.promotedAt + rotation.graceMinutes * 60_000 : now;
    const provider = rotation.connectionId === null ? null : vault.getConnection(rotation.connectionId).provider;
    result.push({ journalId: entry.id, provider, dueAt });
  }
  return result;
}
