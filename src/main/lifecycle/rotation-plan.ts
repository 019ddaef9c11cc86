/**
 * Planning a create, rotate, revoke or manual rotation. The entry's lock is taken before the entry
 * is written, so no other process ever sees it without a live owner; the planner then runs it.
 *
 * A revoke is never refused for another open entry: revoking a leaked key must always be possible.
 * A rotation is refused while an earlier one still holds the token mid-way (see `holdsToken`).
 */
import { KeyturnError } from '../../shared/errors';
import type { RotationPolicy } from '../../shared/model';
import { randomId } from '../vault/crypto';
import type { JournalClaim, RotationOperation, Vault } from '../vault/types';
import type { LifecycleDeps } from './context';
import type { RunOutcome } from './outcome';
import { runClaimed } from './rotation-run';
import { parseJournal, toJournalFields, type JournalRecord, type Rotation } from './rotation-state';
import { bindConnection, keyIdOf } from './token-connection';
import { versionWithStatus } from './vault-keys';

export interface PlannedEntry {
  readonly journalId: string;
  readonly claim: JournalClaim;
}

function plan(vault: Vault, operation: RotationOperation, rotation: Rotation): PlannedEntry {
  const journalId = randomId();
  const claim = vault.claimJournal(journalId);
  if (claim === null) throw new KeyturnError('INTERNAL', 'A new journal entry was already locked');
  try {
    const { state, data } = toJournalFields(rotation);
    vault.addJournal({ id: journalId, tokenId: rotation.tokenId, operation, state, data });
  } catch (cause) {
    claim.release({ finished: true });
    throw cause;
  }
  return { journalId, claim };
}

/** Entries that keep a token mid-rotation: a pending version, a key being made, a revoke under way. */
function holdsToken(record: JournalRecord): boolean {
  const { step } = record.rotation;
  if (record.operation === 'revoke') return step !== 'revoke-failed';
  return step === 'planned' || step === 'created' || step === 'tested' || step === 'discarding';
}

function assertNoRotationInProgress(vault: Vault, tokenId: string): void {
  const open = vault.listJournal({ unfinishedOnly: true, tokenId }).map(parseJournal).find(holdsToken);
  if (open === undefined) return;
  const what = `${open.operation} (step ${open.rotation.step})`;
  if (vault.isJournalClaimed(open.id)) {
    throw new KeyturnError(
      'ROTATION_IN_PROGRESS',
      `Another Keyturn process is working on this token right now: ${what}. Try again when it has finished`,
    );
  }
  const why = open.rotation.lastError === null ? '' : `: ${open.rotation.lastError}`;
  throw new KeyturnError('ROTATION_IN_PROGRESS', `An earlier ${what} of this token is not finished${why}`);
}

/** Plans rotate, revoke or manual-rotate of an existing token; the caller runs it (runClaimed). */
export function planForToken(
  vault: Vault,
  tokenId: string,
  operation: Exclude<RotationOperation, 'create'>,
): PlannedEntry {
  const token = vault.getToken(tokenId);
  if (operation !== 'revoke') {
    if (token.revoked) throw new KeyturnError('TOKEN_REVOKED', 'This token is revoked');
    assertNoRotationInProgress(vault, tokenId);
  }
  const connectionId = bindConnection(vault, token);
  if (operation === 'rotate' && connectionId === null) {
    throw new KeyturnError('INVALID_INPUT', 'This token has no provider connection; rotate it manually');
  }
  const current = versionWithStatus(vault, tokenId, 'current');
  return plan(vault, operation, {
    step: 'planned',
    tokenId,
    connectionId,
    label: token.label,
    environmentId: token.environmentId,
    previousVersionId: current?.id ?? null,
    previousKeyId: current === null ? null : keyIdOf(vault, tokenId, current, connectionId),
    graceMinutes: token.rotationPolicy?.graceMinutes ?? 0,
    rotationPolicy: null,
    lastError: null,
    verified: null,
  });
}

export interface NewManagedToken {
  readonly environmentId: string;
  readonly connectionId: string;
  readonly label: string;
  readonly rotationPolicy?: RotationPolicy | null;
  /** The new key's expiry, when the user chose one. */
  readonly keyExpiresAt?: number | null;
}

export function planCreate(vault: Vault, request: NewManagedToken): PlannedEntry {
  const label = request.label.trim().toLowerCase();
  const taken = vault
    .listTokens()
    .some((token) => token.environmentId === request.environmentId && token.label.toLowerCase() === label);
  if (taken) throw new KeyturnError('DUPLICATE', 'A token with this label already exists in this environment');
  vault.getConnection(request.connectionId);
  return plan(vault, 'create', {
    step: 'planned',
    tokenId: null,
    connectionId: request.connectionId,
    label: request.label.trim(),
    environmentId: request.environmentId,
    previousVersionId: null,
    previousKeyId: null,
    graceMinutes: request.rotationPolicy?.graceMinutes ?? 0,
    rotationPolicy: request.rotationPolicy ?? null,
    keyExpiresAt: request.keyExpiresAt ?? null,
    lastError: null,
    verified: null,
  });
}

export async function createManagedToken(
  vault: Vault,
  request: NewManagedToken,
  deps: LifecycleDeps,
): Promise<RunOutcome> {
  return runClaimed(vault, planCreate(vault, request).claim, deps, 'start');
}

export async function rotateToken(vault: Vault, tokenId: string, deps: LifecycleDeps): Promise<RunOutcome> {
  return runClaimed(vault, planForToken(vault, tokenId, 'rotate').claim, deps, 'start');
}

export async function revokeToken(vault: Vault, tokenId: string, deps: LifecycleDeps): Promise<RunOutcome> {
  return runClaimed(vault, planForToken(vault, tokenId, 'revoke').claim, deps, 'start');
}
