/**
 * Run on start (and after unlock), and by `keyturn reconcile`: resume every unfinished journal
 * whose owner has gone (one a live process holds is left alone), then look at each connection
 * that can list keys for Keyturn-named keys the vault does not hold (the app died between the
 * provider's answer and the commit) and revoke them. A key that cannot be revoked becomes a
 * `revoke-failed` journal entry: shown to the user and retried next time, never forgotten.
 */
import { toErrorData, type ErrorData } from '../../shared/errors';
import type { RotationOperation, Vault } from '../vault/types';
import { commit, remote, type ClientSource, type LifecycleDeps } from './context';
import { journalIdOf } from './key-name';
import type { RunOutcome } from './outcome';
import { runJournal } from './rotation';
import { parseJournal, toJournalFields } from './rotation-state';
import { liveKeyIds, revokeFailedKeyIds } from './vault-keys';

/** One unfinished entry reconcile looked at: what it was, where it stood, and what came of it. */
export interface ReconciledEntry {
  readonly journalId: string;
  readonly operation: RotationOperation;
  readonly from: string;
  /** The token's label and environment as the entry recorded them (a `create` has no token yet). */
  readonly label: string;
  readonly environmentId: string;
  readonly outcome: RunOutcome;
}

export interface ReconcileReport {
  readonly outcomes: readonly RunOutcome[];
  readonly entries: readonly ReconciledEntry[];
  readonly orphansRevoked: number;
  readonly revokeFailed: number;
  readonly errors: readonly ErrorData[];
}

export interface ReconcileOptions {
  readonly now?: () => number;
  readonly faultPoint?: (label: string) => void;
  /** Who reconciles ("CLI", "app"), for the audit log. */
  readonly actor?: string;
}

export async function reconcile(
  vault: Vault,
  clients: ClientSource,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const actor = options.actor ?? 'reconcile';
  const deps: LifecycleDeps = { now: options.now ?? Date.now, clients, faultPoint: options.faultPoint, actor };
  const entries: ReconciledEntry[] = [];
  const errors: ErrorData[] = [];
  for (const entry of vault.listJournal({ unfinishedOnly: true })) {
    const { rotation, operation } = parseJournal(entry);
    const { label, environmentId } = rotation;
    try {
      const outcome = await runJournal(vault, entry.id, deps);
      entries.push({ journalId: entry.id, operation, from: rotation.step, label, environmentId, outcome });
    } catch (cause) {
      errors.push(toErrorData(cause));
    }
  }
  const sweep = await sweepOrphans(vault, deps, actor, errors);
  const outcomes = entries.map((entry) => entry.outcome);
  return { outcomes, entries, orphansRevoked: sweep.revoked, revokeFailed: sweep.failed, errors };
}

async function sweepOrphans(
  vault: Vault,
  deps: LifecycleDeps,
  actor: string,
  errors: ErrorData[],
): Promise<{ revoked: number; failed: number }> {
  const counts = { revoked: 0, failed: 0 };
  const journalIds = new Set(vault.listJournal().map((entry) => entry.id));
  for (const connection of vault.listConnections()) {
    const client = deps.clients.get(connection.id);
    if (!client.capabilities.list || !client.capabilities.revoke) continue;
    const listed = await remote(deps, 'listKeys', () => client.listKeys());
    if (!listed.ok) {
      errors.push(listed.error);
      continue;
    }
    const known = new Set([...liveKeyIds(vault), ...revokeFailedKeyIds(vault)]);
    for (const key of listed.value) {
      const journalId = journalIdOf(key.name);
      // Only keys this vault made: another Keyturn on the same account keeps its own keys.
      if (!key.isActive || journalId === null || !journalIds.has(journalId) || known.has(key.keyId)) continue;
      // A live process may be about to store this key's secret: its entry is its business.
      if (vault.isJournalClaimed(journalId)) continue;
      const revoked = await remote(deps, 'revokeKey', () => client.revokeKey(key.keyId));
      if (revoked.ok || revoked.error.code === 'PROVIDER_NOT_FOUND') {
        counts.revoked += 1;
        vault.audit('revoke', null, `orphan key ${key.keyId} of journal ${journalId} revoked by ${actor}`);
        continue;
      }
      counts.failed += 1;
      recordRevokeFailed(
        vault,
        deps,
        connection.id,
        connection.environmentId,
        key.keyId,
        key.name,
        revoked.error.message,
      );
    }
  }
  return counts;
}

function recordRevokeFailed(
  vault: Vault,
  deps: LifecycleDeps,
  connectionId: string,
  environmentId: string,
  keyId: string,
  name: string,
  message: string,
): void {
  const { state, data } = toJournalFields({
    step: 'revoke-failed',
    tokenId: null,
    connectionId,
    label: name,
    environmentId,
    previousVersionId: null,
    previousKeyId: null,
    graceMinutes: 0,
    rotationPolicy: null,
    lastError: null,
    verified: null,
    keyId,
    versionId: null,
    message,
    then: 'done',
  });
  commit(deps, 'journal revoke-failed', () => vault.addJournal({ tokenId: null, operation: 'revoke', state, data }));
}
