/** How unfinished and reconciled journal entries read on a terminal (status, reconcile, lifecycle). */
import type { ReconciledView, UnfinishedJournalView } from '../../shared/ipc-cli-channels';

const OUTCOME: Readonly<Record<ReconciledView['status'], string>> = {
  done: 'done',
  failed: 'ended without its change',
  waiting: 'waiting out the grace period',
  pending: 'still pending',
  'needs-user': 'needs you',
  busy: 'left alone: another Keyturn process is on it',
};

/** "earlier rotate of acme/prod/ci (stopped at created): done" and what it said. */
export function describeSettled(entry: ReconciledView): string {
  const head = `earlier ${entry.operation} of ${entry.ref} (stopped at ${entry.from}): ${OUTCOME[entry.status]}`;
  return entry.message === null ? head : `${head}. ${entry.message}`;
}

/** "rotate acme/prod/ci, from created: done. <message>" */
export function describeReconciled(entry: ReconciledView): string {
  const head = `${entry.operation} ${entry.ref}, from ${entry.from}: ${OUTCOME[entry.status]}`;
  return entry.message === null ? head : `${head}. ${entry.message}`;
}

function age(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 120) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

/** One line per unfinished entry of a locked vault (names are sealed: operation, step, journal id). */
export function describeUnfinished(entry: UnfinishedJournalView, now: number): string {
  const what =
    entry.step === 'revoke-failed' ? 'revoke failed: a key the provider refused to revoke' : `at ${entry.step}`;
  const who = entry.running ? 'running in another Keyturn process' : `stopped ${age(now - entry.updatedAt)}`;
  return `  ${entry.operation} ${what}; ${who} (journal ${entry.journalId})`;
}
