/**
 * What a command does before it uses a token: it finishes the journal entries earlier runs left
 * open on it (a killed `keyturn rotate`, a provider that was down), each resumed from its last
 * committed step, or discarded when it was a `create` nobody is waiting for. An entry a live
 * process holds is left alone and comes back as `busy`.
 */
import type { RotationOperation, Vault } from '../vault/types';
import type { LifecycleDeps } from './context';
import type { RunOutcome } from './outcome';
import { runJournal } from './rotation';
import { parseJournal, type JournalRecord } from './rotation-state';

export interface SettledEntry {
  readonly journalId: string;
  readonly operation: RotationOperation;
  readonly from: string;
  readonly outcome: RunOutcome;
}

/**
 * `all`: every open entry of the token (rotate, revoke, confirm). `value`: only those that may
 * still change which value is current (get, copy, run): a key that could not be revoked, or a
 * reminder to confirm one, does not, and retrying it would cost every `get` a provider call.
 */
export type SettleScope = 'all' | 'value';

function changesValue(record: JournalRecord): boolean {
  const { step } = record.rotation;
  return step !== 'revoke-failed' && step !== 'awaiting-confirmation';
}

async function settle(vault: Vault, records: readonly JournalRecord[], deps: LifecycleDeps): Promise<SettledEntry[]> {
  const settled: SettledEntry[] = [];
  for (const record of records) {
    const outcome = await runJournal(vault, record.id, deps);
    settled.push({ journalId: record.id, operation: record.operation, from: record.rotation.step, outcome });
  }
  return settled;
}

export async function settleToken(
  vault: Vault,
  tokenId: string,
  deps: LifecycleDeps,
  scope: SettleScope = 'all',
): Promise<SettledEntry[]> {
  const open = vault.listJournal({ unfinishedOnly: true, tokenId }).map(parseJournal);
  return settle(vault, scope === 'all' ? open : open.filter(changesValue), deps);
}

/** Open `create`s of this label in this environment: discarded (or finished) before a new one starts. */
export async function settleCreates(
  vault: Vault,
  environmentId: string,
  label: string,
  deps: LifecycleDeps,
): Promise<SettledEntry[]> {
  const wanted = label.trim().toLowerCase();
  const open = vault
    .listJournal({ unfinishedOnly: true })
    .map(parseJournal)
    .filter(
      (record) =>
        record.operation === 'create' &&
        record.rotation.environmentId === environmentId &&
        record.rotation.label.toLowerCase() === wanted,
    );
  return settle(vault, open, deps);
}

/** Entries that are still open after settling, and why: the first one a command reports. */
export function stillOpen(settled: readonly SettledEntry[]): SettledEntry | null {
  return settled.find((entry) => entry.outcome.status !== 'done' && entry.outcome.status !== 'failed') ?? null;
}
