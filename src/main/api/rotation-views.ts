/**
 * Unfinished lifecycle journals as the window shows them: the state in plain words
 * (describeRotation), what happens next or what to do, and which action the user can take now.
 * Loaded on demand (it parses journals with lifecycle's schema).
 */
import type { RotationView } from '../../shared/window-views';
import { describeRotation, parseJournal } from '../lifecycle/rotation-state';
import type { JournalEntry, Vault } from '../vault/types';

export function rotationView(entry: JournalEntry): RotationView {
  const { rotation, operation } = parseJournal(entry);
  const words = describeRotation(rotation);
  return {
    journalId: entry.id,
    operation,
    tokenId: rotation.tokenId,
    label: rotation.label,
    environmentId: rotation.environmentId,
    step: rotation.step,
    title: words.title,
    next: words.action,
    lastError: rotation.lastError,
    keyId: rotation.step === 'revoke-failed' ? rotation.keyId : null,
    userAction: userActionOf(operation, rotation.step, rotation.lastError),
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
  };
}

function userActionOf(operation: string, step: string, lastError: string | null): RotationView['userAction'] {
  if (operation === 'manual-rotate' && step === 'planned') return 'paste-value';
  if (step === 'awaiting-confirmation') return 'confirm-revoked';
  if (step === 'revoke-failed' || lastError !== null) return 'retry';
  return null;
}

/** Every unfinished journal, newest first: pending work, revoke-failed keys, manual rotations. */
export function unfinishedRotations(vault: Vault): RotationView[] {
  return vault
    .listJournal({ unfinishedOnly: true })
    .map(rotationView)
    .sort((a, b) => b.updatedAt - a.updatedAt);
}

/** The token's unfinished rotation, if it has one. */
export function rotationOfToken(vault: Vault, tokenId: string): RotationView | null {
  const entry = vault.listJournal({ unfinishedOnly: true }).find((journal) => journal.tokenId === tokenId);
  return entry === undefined ? null : rotationView(entry);
}
