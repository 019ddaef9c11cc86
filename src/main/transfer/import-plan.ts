/**
 * The import core shared by `keyturn import` (import:dotenv) and the window's import (a preview,
 * then apply): each variable of a .env set against the environment's tokens (matched by label, as
 * the vault matches names: case-insensitively) as new, same value, changed value, or skipped with
 * the reason. Applying writes the plan in ONE transaction (Vault.importTokens): all or nothing.
 */
import type { ProviderId, TokenView } from '../../shared/model';
import type { Recognition } from '../providers/recognise';
import type { ImportUpdate, NewToken, Vault } from '../vault/types';

export type ImportOutcome = 'new' | 'same' | 'changed' | 'skipped';

export interface PlannedVariable {
  readonly name: string;
  readonly outcome: ImportOutcome;
  /** Why a variable is skipped, as a sentence; null otherwise. */
  readonly reason: string | null;
  readonly existing: TokenView | null;
}

export interface ImportTarget {
  readonly vault: Vault;
  readonly tenantName: string;
  readonly environmentName: string;
  readonly environmentId: string;
  /** The provider every new token gets; omitted: recognised from the value, else manual. */
  readonly provider?: ProviderId;
  readonly recognise: (secret: string) => Recognition;
}

/** The limits of a token's label and value. */
export const MAX_IMPORT_LABEL = 500;
export const MAX_IMPORT_VALUE = 65_536;

export function planVariable(target: ImportTarget, name: string, value: string): PlannedVariable {
  const skip = (reason: string): PlannedVariable => ({ name, outcome: 'skipped', reason, existing: null });
  if (value === '') return skip('The value is empty.');
  if (name.length > MAX_IMPORT_LABEL) return skip(`The name is longer than ${MAX_IMPORT_LABEL} characters.`);
  if (value.length > MAX_IMPORT_VALUE)
    return skip(`The value is longer than ${MAX_IMPORT_VALUE.toLocaleString('en-US')} characters.`);
  const existing = target.vault.findToken(target.tenantName, target.environmentName, name);
  if (existing === null) return { name, outcome: 'new', reason: null, existing };
  if (existing.revoked) return skip('A revoked token of that name is in the environment; it is left as it is.');
  const outcome = target.vault.openSecret(existing.id) === value ? 'same' : 'changed';
  return { name, outcome, reason: null, existing };
}

/** What to write: whether an existing token's value is replaced (`same` ones too, for the CLI). */
export interface ApplyRules {
  readonly overwriteChanged: boolean;
  readonly overwriteSame: boolean;
}

export interface AppliedCounts {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
}

export function applyImport(
  target: ImportTarget,
  entries: readonly (readonly [string, string])[],
  rules: ApplyRules,
  /** Told every 100 variables planned, and at the end (the CLI's progress line). */
  progress?: (done: number, total: number) => void,
): AppliedCounts {
  const adds: NewToken[] = [];
  const updates: ImportUpdate[] = [];
  const counts = { added: 0, updated: 0, unchanged: 0, skipped: 0 };
  const unique = lastOfEachName(entries);
  counts.skipped += entries.length - unique.length;
  for (const [index, [name, value]] of unique.entries()) {
    if ((index + 1) % 100 === 0 || index + 1 === unique.length) progress?.(index + 1, unique.length);
    const planned = planVariable(target, name, value);
    const guess = target.recognise(value);
    if (planned.outcome === 'new') {
      adds.push(newToken(target, name, value, guess));
      counts.added += 1;
    } else if (planned.existing !== null && isReplaced(planned.outcome, rules)) {
      updates.push({ tokenId: planned.existing.id, secret: value, expiresAt: guess.expiresAt ?? null });
      counts.updated += 1;
    } else if (planned.outcome === 'same') counts.unchanged += 1;
    else counts.skipped += 1;
  }
  if (adds.length + updates.length > 0) target.vault.importTokens(adds, updates);
  return counts;
}

/**
 * Labels are unique per environment case-insensitively, so of `KEY` and `key` only the last one
 * read is imported (as a .env reader keeps the last of a repeated name).
 */
export function lastOfEachName<T extends readonly [string, string]>(entries: readonly T[]): T[] {
  const last = new Map<string, T>();
  for (const entry of entries) {
    const key = entry[0].normalize('NFC').toLowerCase();
    last.delete(key);
    last.set(key, entry);
  }
  return [...last.values()];
}

function isReplaced(outcome: ImportOutcome, rules: ApplyRules): boolean {
  return (outcome === 'changed' && rules.overwriteChanged) || (outcome === 'same' && rules.overwriteSame);
}

function newToken(target: ImportTarget, name: string, secret: string, guess: Recognition): NewToken {
  const provider = target.provider ?? guess.provider ?? 'manual';
  return {
    environmentId: target.environmentId,
    label: name,
    kind: guess.kind ?? 'manual',
    provider,
    secret,
    connectionId: target.vault.findConnection(target.environmentId, provider)?.id ?? null,
    expiresAt: guess.expiresAt,
    expirySource: guess.expirySource,
  };
}
