/**
 * The rotation engine: plans a create, rotate or revoke as a journal entry, then runs it step by
 * step, committing each state before the next. `runJournal` resumes any unfinished entry.
 */
import { KeyturnError, assertNever } from '../../shared/errors';
import type { RotationPolicy } from '../../shared/model';
import type { RotationOperation, Vault } from '../vault/types';
import { commit, type LifecycleDeps } from './context';
import type { RunOutcome } from './outcome';
import {
  isFinished,
  parseJournal,
  toJournalFields,
  UNVERIFIED_NOTICE,
  type JournalRecord,
  type Rotation,
} from './rotation-state';
import {
  discardStep,
  promoteStep,
  retireStep,
  retryRevokeStep,
  testStep,
  type StepEnv,
  type StepResult,
} from './rotation-steps';
import { createStep } from './step-create';
import { revokeStep } from './step-revoke';
import { versionWithStatus } from './vault-keys';

/** More steps than any journal needs: a guard against a bug looping forever. */
const MAX_STEPS = 16;

export async function runJournal(vault: Vault, journalId: string, deps: LifecycleDeps): Promise<RunOutcome> {
  for (let count = 0; count < MAX_STEPS; count += 1) {
    const record = parseJournal(vault.getJournal(journalId));
    if (count === 0) deps.onStep?.(record.id, record.operation, record.rotation);
    const result = await step({ vault, deps, record });
    if ('outcome' in result) {
      const message = result.outcome.status === 'pending' ? result.outcome.error.message : null;
      if (message !== null && record.rotation.lastError !== message)
        save(vault, deps, record, { ...record.rotation, lastError: message });
      return result.outcome;
    }
    save(vault, deps, record, result.next);
    if (isFinished(result.next.step)) audit(vault, record, result.next);
  }
  throw new KeyturnError('INTERNAL', 'A rotation did not settle');
}

function save(vault: Vault, deps: LifecycleDeps, record: JournalRecord, next: Rotation): void {
  const { state, data } = toJournalFields(next);
  commit(deps, `journal ${state}`, () => vault.updateJournal(record.id, state, data));
  if (state !== record.rotation.step) deps.onStep?.(record.id, record.operation, next);
}

function audit(vault: Vault, record: JournalRecord, rotation: Rotation): void {
  const action = record.operation === 'revoke' ? 'revoke' : record.operation === 'create' ? 'create' : 'rotate';
  vault.audit(action, rotation.tokenId, `${record.operation} ${rotation.step}`);
}

async function step(env: StepEnv): Promise<StepResult> {
  const { rotation } = env.record;
  const id = env.record.id;
  switch (rotation.step) {
    case 'planned':
      if (env.record.operation === 'revoke') return revokeStep(env, rotation);
      if (env.record.operation === 'manual-rotate') {
        return {
          outcome: { status: 'needs-user', journalId: id, tokenId: rotation.tokenId, message: 'Paste the new value' },
        };
      }
      return createStep(env, rotation);
    case 'created':
      return testStep(env, rotation);
    case 'tested':
      return promoteStep(env, rotation);
    case 'promoted':
      return retireStep(env, rotation);
    case 'discarding':
      return discardStep(env, rotation);
    case 'awaiting-confirmation': {
      const ask = 'Revoke the old key at the provider, then confirm';
      const message = rotation.verified === false ? `${UNVERIFIED_NOTICE} ${ask}` : ask;
      return {
        outcome: {
          status: 'needs-user',
          journalId: id,
          tokenId: rotation.tokenId,
          message,
          verified: rotation.verified,
        },
      };
    }
    case 'revoke-failed':
      return retryRevokeStep(env, rotation);
    case 'done':
      return { outcome: { status: 'done', journalId: id, tokenId: rotation.tokenId } };
    case 'abandoned':
      return { outcome: { status: 'failed', journalId: id, tokenId: rotation.tokenId, reason: rotation.reason } };
    default:
      return assertNever(rotation);
  }
}

function assertNoRotationInProgress(vault: Vault, tokenId: string): void {
  const busy = vault.listJournal({ unfinishedOnly: true }).some((entry) => entry.tokenId === tokenId);
  if (busy) throw new KeyturnError('ROTATION_IN_PROGRESS', 'This token already has a rotation in progress');
}

function plan(vault: Vault, operation: RotationOperation, rotation: Rotation): string {
  const { state, data } = toJournalFields(rotation);
  return vault.addJournal({ tokenId: rotation.tokenId, operation, state, data }).id;
}

/** Plans rotate, revoke or manual-rotate of an existing token. */
export function planForToken(vault: Vault, tokenId: string, operation: Exclude<RotationOperation, 'create'>): string {
  assertNoRotationInProgress(vault, tokenId);
  const token = vault.getToken(tokenId);
  if (token.revoked) throw new KeyturnError('TOKEN_REVOKED', 'This token is revoked');
  if (operation === 'rotate' && token.connectionId === null) {
    throw new KeyturnError('INVALID_INPUT', 'This token has no provider connection; rotate it manually');
  }
  const current = versionWithStatus(vault, tokenId, 'current');
  return plan(vault, operation, {
    step: 'planned',
    tokenId,
    connectionId: token.connectionId,
    label: token.label,
    environmentId: token.environmentId,
    previousVersionId: current?.id ?? null,
    previousKeyId: current?.providerKeyId ?? null,
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
}

export function planCreate(vault: Vault, request: NewManagedToken): string {
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
    lastError: null,
    verified: null,
  });
}

export async function createManagedToken(
  vault: Vault,
  request: NewManagedToken,
  deps: LifecycleDeps,
): Promise<RunOutcome> {
  return runJournal(vault, planCreate(vault, request), deps);
}

export async function rotateToken(vault: Vault, tokenId: string, deps: LifecycleDeps): Promise<RunOutcome> {
  return runJournal(vault, planForToken(vault, tokenId, 'rotate'), deps);
}

export async function revokeToken(vault: Vault, tokenId: string, deps: LifecycleDeps): Promise<RunOutcome> {
  return runJournal(vault, planForToken(vault, tokenId, 'revoke'), deps);
}
