/**
 * One step of a rotation journal. Each step is idempotent: it first looks at what the vault and
 * the provider already hold (a crash may have cut the previous run between a call and its
 * commit), then does at most one remote call and commits its result before the next step.
 */
import type { ErrorData } from '../../shared/errors';
import type { ProviderClient } from '../providers/types';
import type { Vault } from '../vault/types';
import { commit, remote, type LifecycleDeps } from './context';
import { journalIdOf, keyNameFor } from './key-name';
import { isTransient, type RunOutcome } from './outcome';
import type { JournalRecord, Rotation } from './rotation-state';
import { findVersion, liveKeyIds, versionWithStatus } from './vault-keys';

export interface StepEnv {
  readonly vault: Vault;
  readonly deps: LifecycleDeps;
  readonly record: JournalRecord;
}

export type StepResult = { readonly next: Rotation } | { readonly outcome: RunOutcome };

export function pending(env: StepEnv, error: ErrorData): StepResult {
  return { outcome: { status: 'pending', journalId: env.record.id, tokenId: env.record.rotation.tokenId, error } };
}

export function clientOf(env: StepEnv): ProviderClient | null {
  const { connectionId } = env.record.rotation;
  return connectionId === null ? null : env.deps.clients.get(connectionId);
}

export function keyName(env: StepEnv): string {
  return keyNameFor(env.record.rotation.label, env.record.id);
}

/** What a sweep for this journal's orphans came to; a failure names the key it could not revoke. */
export type Sweep =
  { readonly ok: true } | { readonly ok: false; readonly error: ErrorData; readonly keyId: string | null };

/** Revokes keys named after this journal that the vault does not hold (their secret was lost). */
export async function sweepOwnOrphans(env: StepEnv, client: ProviderClient): Promise<Sweep> {
  if (!client.capabilities.list || !client.capabilities.revoke) return { ok: true };
  const listed = await remote(env.deps, 'listKeys', () => client.listKeys());
  if (!listed.ok) return { ok: false, error: listed.error, keyId: null };
  const known = liveKeyIds(env.vault);
  for (const key of listed.value) {
    if (!key.isActive || journalIdOf(key.name) !== env.record.id || known.has(key.keyId)) continue;
    const failed = await revokeRemote(env, client, key.keyId);
    if (failed) return { ok: false, error: failed, keyId: key.keyId };
    const { operation, id } = env.record;
    env.vault.audit(
      'revoke',
      env.record.rotation.tokenId,
      `orphan key ${key.keyId} of ${operation} ${id} revoked (the provider made it, its secret never reached the vault)`,
    );
  }
  return { ok: true };
}

/** Revokes at the provider; a key the provider no longer knows counts as revoked. */
export async function revokeRemote(env: StepEnv, client: ProviderClient, keyId: string): Promise<ErrorData | null> {
  const result = await remote(env.deps, 'revokeKey', () => client.revokeKey(keyId));
  if (result.ok || result.error.code === 'PROVIDER_NOT_FOUND') return null;
  return result.error;
}

export function markRevoked(env: StepEnv, tokenId: string | null, versionId: string | null): void {
  if (tokenId === null || versionId === null) return;
  const version = findVersion(env.vault, tokenId, versionId);
  if (version === null || version.status === 'revoked') return;
  commit(env.deps, 'version revoked', () => env.vault.setVersionStatus(versionId, 'revoked'));
}

/** created → tested, or → discarding when the provider refuses the new secret. */
export async function testStep(env: StepEnv, state: Extract<Rotation, { step: 'created' }>): Promise<StepResult> {
  const client = clientOf(env);
  if (state.tokenId === null) throw new Error('created without a token');
  // Manual rotations of tokens the provider could check are refused without a connection
  // (manual-rotation.ts), so only a provider with no check at all gets here: recorded as unverified.
  if (client === null || !client.capabilities.verify)
    return { next: { ...state, step: 'tested', lastError: null, verified: false } };
  const secret = env.vault.openSecret(state.tokenId, state.newVersionId);
  const verified = await remote(env.deps, 'verify', () => client.verify(secret));
  if (!verified.ok) {
    if (isTransient(verified.error)) return pending(env, verified.error);
    return { next: { ...state, step: 'discarding', reason: `The new key failed its test: ${verified.error.message}` } };
  }
  const tokenId = state.tokenId;
  commit(env.deps, 'last verified', () => env.vault.updateToken(tokenId, { lastVerifiedAt: env.deps.now() }));
  return { next: { ...state, step: 'tested', lastError: null, verified: true } };
}

/** tested → promoted: the new version becomes current, the old one previous (atomically, in the vault). */
export function promoteStep(env: StepEnv, state: Extract<Rotation, { step: 'tested' }>): StepResult {
  const tokenId = state.tokenId;
  if (tokenId === null) throw new Error('tested without a token');
  const version = findVersion(env.vault, tokenId, state.newVersionId);
  if (version?.status !== 'current') {
    commit(env.deps, 'promote', () => env.vault.promoteVersion(tokenId, state.newVersionId));
  }
  return { next: { ...state, step: 'promoted', promotedAt: env.deps.now() } };
}

/** promoted → done once the previous key is revoked (after the grace period). */
export async function retireStep(env: StepEnv, state: Extract<Rotation, { step: 'promoted' }>): Promise<StepResult> {
  if (env.record.operation === 'manual-rotate') return { next: { ...state, step: 'awaiting-confirmation' } };
  if (state.previousVersionId === null) return { next: { ...state, step: 'done' } };
  if (state.previousKeyId === null) return { next: { ...state, step: 'awaiting-confirmation' } };
  const until = state.promotedAt + state.graceMinutes * 60_000;
  if (env.deps.now() < until) {
    return { outcome: { status: 'waiting', journalId: env.record.id, tokenId: state.tokenId, until } };
  }
  const client = clientOf(env);
  if (client === null) return { next: { ...state, step: 'awaiting-confirmation' } };
  const failed = await revokeRemote(env, client, state.previousKeyId);
  if (failed && isTransient(failed)) return pending(env, failed);
  if (failed) return { next: revokeFailed(state, state.previousKeyId, state.previousVersionId, failed, 'done') };
  markRevoked(env, state.tokenId, state.previousVersionId);
  return { next: { ...state, step: 'done' } };
}

/** discarding → abandoned: the new key that failed its test is revoked; the old one stays current. */
export async function discardStep(env: StepEnv, state: Extract<Rotation, { step: 'discarding' }>): Promise<StepResult> {
  const client = clientOf(env);
  if (state.newKeyId !== null && client !== null && env.record.operation !== 'manual-rotate') {
    const failed = await revokeRemote(env, client, state.newKeyId);
    if (failed && isTransient(failed)) return pending(env, failed);
    if (failed)
      return { next: revokeFailed(state, state.newKeyId, state.newVersionId, failed, 'abandoned', state.reason) };
  }
  markRevoked(env, state.tokenId, state.newVersionId);
  markTokenRevokedAfterFailedCreate(env, state.tokenId);
  return { next: { ...state, step: 'abandoned' } };
}

/** A `create` whose only key failed: the token is explicitly failed, not silently unusable. */
function markTokenRevokedAfterFailedCreate(env: StepEnv, tokenId: string | null): void {
  if (env.record.operation !== 'create' || tokenId === null) return;
  if (versionWithStatus(env.vault, tokenId, 'current') !== null) return;
  if (env.vault.getToken(tokenId).revoked) return;
  commit(env.deps, 'token revoked', () => env.vault.updateToken(tokenId, { revoked: true }));
}

/** revoke-failed → its `then` state once the provider finally accepts the revoke. */
export async function retryRevokeStep(
  env: StepEnv,
  state: Extract<Rotation, { step: 'revoke-failed' }>,
): Promise<StepResult> {
  const client = clientOf(env);
  const failed = client === null ? null : await revokeRemote(env, client, state.keyId);
  if (failed) {
    return {
      outcome: {
        status: 'needs-user',
        journalId: env.record.id,
        tokenId: state.tokenId,
        message: failed.message,
        error: failed,
      },
    };
  }
  markRevoked(env, state.tokenId, state.versionId);
  if (state.then === 'abandoned') markTokenRevokedAfterFailedCreate(env, state.tokenId);
  const { keyId: _keyId, versionId: _versionId, message, then, reason, ...context } = state;
  // Abandoned for the reason it was abandoned for, not for the refusal that delayed the revoke.
  if (then === 'abandoned') return { next: { ...context, step: 'abandoned', reason: reason ?? message } };
  return { next: { ...context, step: then } };
}

export function revokeFailed(
  state: Rotation,
  keyId: string,
  versionId: string | null,
  error: ErrorData,
  then: 'done' | 'abandoned' | 'planned',
  reason?: string,
): Rotation {
  const { step: _step, ...rest } = state;
  const context = {
    tokenId: rest.tokenId,
    connectionId: rest.connectionId,
    label: rest.label,
    environmentId: rest.environmentId,
    previousVersionId: rest.previousVersionId,
    previousKeyId: rest.previousKeyId,
    graceMinutes: rest.graceMinutes,
    rotationPolicy: rest.rotationPolicy,
    lastError: rest.lastError,
    verified: rest.verified,
  };
  return {
    ...context,
    step: 'revoke-failed',
    keyId,
    versionId,
    message: error.message,
    then,
    ...(reason === undefined ? {} : { reason }),
  };
}
