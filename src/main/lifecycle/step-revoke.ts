/**
 * planned → done for `revoke`: every live key of the token is revoked at the provider, one at a
 * time, each marked revoked in the vault as soon as the provider confirms; then the token.
 */
import type { ErrorData, Result } from '../../shared/errors';
import { commit, remote } from './context';
import { isTransient } from './outcome';
import type { Rotation } from './rotation-state';
import {
  clientOf,
  markRevoked,
  pending,
  revokeFailed,
  revokeRemote,
  type StepEnv,
  type StepResult,
} from './rotation-steps';

type Planned = Extract<Rotation, { step: 'planned' }>;

async function endSession(
  env: StepEnv,
  end: (token: string) => Promise<Result<void>>,
  tokenId: string,
  versionId: string,
): Promise<ErrorData | null> {
  const secret = env.vault.openSecret(tokenId, versionId);
  const ended = await remote(env.deps, 'endSession', () => end(secret));
  return ended.ok ? null : ended.error;
}

export async function revokeStep(env: StepEnv, state: Planned): Promise<StepResult> {
  const tokenId = state.tokenId;
  if (tokenId === null) throw new Error('revoke without a token');
  const client = clientOf(env);
  const live = env.vault.listVersions(tokenId).filter((version) => version.status !== 'revoked');
  const isSession = env.vault.getToken(tokenId).kind === 'session';
  for (const version of live) {
    if (version.providerKeyId !== null && client !== null && client.capabilities.revoke) {
      const failed = await revokeRemote(env, client, version.providerKeyId);
      if (failed && isTransient(failed)) return pending(env, failed);
      if (failed) return { next: revokeFailed(state, version.providerKeyId, version.id, failed, 'planned') };
    } else if (isSession && client?.endSession !== undefined) {
      // A login session has no key id: the provider ends it by its value (SyftHub blacklists it).
      const failed = await endSession(env, client.endSession, tokenId, version.id);
      if (failed !== null) return pending(env, failed);
    }
    markRevoked(env, tokenId, version.id);
  }
  if (!env.vault.getToken(tokenId).revoked) {
    commit(env.deps, 'token revoked', () => env.vault.updateToken(tokenId, { revoked: true }));
  }
  return { next: { ...state, step: 'done' } };
}
