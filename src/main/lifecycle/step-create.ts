/**
 * planned → created for `create` and `rotate`: the provider makes a key named after this journal,
 * and its secret (shown once) is stored before anything else happens.
 */
import type { ErrorData } from '../../shared/errors';
import type { CreatedKey, ProviderClient } from '../providers/types';
import { commit, remote } from './context';
import { keyExpiryFor } from './key-expiry';
import { isTransient } from './outcome';
import type { Rotation } from './rotation-state';
import {
  clientOf,
  keyName,
  pending,
  revokeRemote,
  sweepOwnOrphans,
  type StepEnv,
  type StepResult,
} from './rotation-steps';
import { versionWithStatus } from './vault-keys';

type Planned = Extract<Rotation, { step: 'planned' }>;

export async function createStep(env: StepEnv, state: Planned): Promise<StepResult> {
  const adopted = adoptStored(env, state);
  if (adopted) return { next: adopted };
  const client = clientOf(env);
  if (client === null || !client.capabilities.create) {
    return {
      next: { ...state, step: 'abandoned', reason: 'This provider has no API to create keys; rotate manually' },
    };
  }
  const swept = await sweepOwnOrphans(env, client);
  if (!swept.ok) return onCreateError(env, state, swept.error);
  const expiresAt = requestedExpiry(env, state);
  const created = await remote(env.deps, 'createKey', () => client.createKey({ name: keyName(env), expiresAt }));
  if (!created.ok) {
    // The provider may have made the key before the answer was lost: find it by name now if we can.
    if (isTransient(created.error)) await sweepOwnOrphans(env, client);
    return onCreateError(env, state, created.error);
  }
  return store(env, state, client, created.value);
}

/** From the new token's policy (create) or the token's own (rotate), or the expiry the user chose. */
function requestedExpiry(env: StepEnv, state: Planned): number | null {
  const policy = state.tokenId === null ? state.rotationPolicy : env.vault.getToken(state.tokenId).rotationPolicy;
  return keyExpiryFor(policy, state.keyExpiresAt ?? null, env.deps.now());
}

function onCreateError(env: StepEnv, state: Planned, error: ErrorData): StepResult {
  if (isTransient(error)) return pending(env, error);
  return { next: { ...state, step: 'abandoned', reason: `The provider refused to create a key: ${error.message}` } };
}

/** A crash after the secret was stored but before the journal moved on: adopt what is stored. */
export function adoptStored(env: StepEnv, state: Planned): Rotation | null {
  const tokenId = state.tokenId ?? findCreatedToken(env, state);
  if (tokenId === null) return null;
  const status = env.record.operation === 'create' ? 'current' : 'pending';
  const version = versionWithStatus(env.vault, tokenId, status);
  if (version === null) return null;
  return { ...state, step: 'created', tokenId, newVersionId: version.id, newKeyId: version.providerKeyId };
}

function findCreatedToken(env: StepEnv, state: Planned): string | null {
  if (env.record.operation !== 'create') return null;
  const label = state.label.toLowerCase();
  const token = env.vault
    .listTokens()
    .find((candidate) => candidate.environmentId === state.environmentId && candidate.label.toLowerCase() === label);
  return token?.id ?? null;
}

async function store(env: StepEnv, state: Planned, client: ProviderClient, key: CreatedKey): Promise<StepResult> {
  try {
    const stored = commit(env.deps, 'store secret', () => storeSecret(env, state, client, key));
    return {
      next: { ...state, step: 'created', tokenId: stored.tokenId, newVersionId: stored.versionId, newKeyId: key.keyId },
    };
  } catch (cause) {
    // Never leave a live key whose secret we could not keep.
    await revokeRemote(env, client, key.keyId);
    throw cause;
  }
}

function storeSecret(
  env: StepEnv,
  state: Planned,
  client: ProviderClient,
  key: CreatedKey,
): { tokenId: string; versionId: string } {
  const { vault } = env;
  if (state.tokenId !== null) {
    const version = vault.addVersion(state.tokenId, key.secret, {
      status: 'pending',
      providerKeyId: key.keyId,
      expiresAt: key.expiresAt,
    });
    return { tokenId: state.tokenId, versionId: version.id };
  }
  const token = vault.addToken({
    environmentId: state.environmentId,
    label: state.label,
    kind: key.kind,
    provider: client.provider,
    secret: key.secret,
    connectionId: state.connectionId,
    providerKeyId: key.keyId,
    expiresAt: key.expiresAt,
    // A provider that tells expiries and gave none says the key never expires (shown as such).
    expirySource: key.expiresAt === null && !client.capabilities.expiryKnown ? null : 'provider',
    rotationPolicy: state.rotationPolicy,
  });
  const current = versionWithStatus(vault, token.id, 'current');
  if (current === null) throw new Error('A new token has no current version');
  return { tokenId: token.id, versionId: current.id };
}
