/**
 * planned → done for `revoke`: every live key of the token is revoked at the provider, one at a
 * time, each marked revoked in the vault as soon as the provider confirms; then the token.
 */
import { commit } from './context';
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

export async function revokeStep(env: StepEnv, state: Planned): Promise<StepResult> {
  const tokenId = state.tokenId;
  if (tokenId === null) throw new Error('revoke without a token');
  const client = clientOf(env);
  const live = env.vault.listVersions(tokenId).filter((version) => version.status !== 'revoked');
  for (const version of live) {
    if (version.providerKeyId !== null && client !== null && client.capabilities.revoke) {
      const failed = await revokeRemote(env, client, version.providerKeyId);
      if (failed && isTransient(failed)) return pending(env, failed);
      if (failed) return { next: revokeFailed(state, version.providerKeyId, version.id, failed, 'planned') };
    }
    markRevoked(env, tokenId, version.id);
  }
  if (!env.vault.getToken(tokenId).revoked) {
    commit(env.deps, 'token revoked', () => env.vault.updateToken(tokenId, { revoked: true }));
  }
  return { next: { ...state, step: 'done' } };
}
