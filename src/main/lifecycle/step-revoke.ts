/**
 * planned → done for `revoke`. The token is marked revoked first: from then on nothing hands its
 * value out, and a rotation still under way stops and revokes its own new key (step-cancel.ts).
 * Then every live key is revoked at the provider, one at a time, each version marked revoked as
 * soon as the provider confirms; the versions are read again until none is live, so a key stored
 * by a rotation meanwhile is not missed. If keys still keep appearing after MAX_PASSES passes, the
 * entry stays pending (never `done` with a live key) and the next run goes on.
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
import { keyIdOf } from './token-connection';

type Planned = Extract<Rotation, { step: 'planned' }>;

/** A login session has no key id: the provider ends it by its value (SyftHub blacklists it). */
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

/** More passes than any token needs (a rotation adds at most one version): a guard against a loop. */
export const MAX_PASSES = 4;

const KEEPS_GROWING: ErrorData = {
  code: 'ROTATION_IN_PROGRESS',
  message: 'New keys kept appearing while revoking; the rest are revoked on the next run',
};

export async function revokeStep(env: StepEnv, state: Planned): Promise<StepResult> {
  const tokenId = state.tokenId;
  if (tokenId === null) throw new Error('revoke without a token');
  if (!env.vault.getToken(tokenId).revoked) {
    commit(env.deps, 'token revoked', () => env.vault.updateToken(tokenId, { revoked: true }));
  }
  const client = clientOf(env);
  const isSession = env.vault.getToken(tokenId).kind === 'session';
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const live = env.vault.listVersions(tokenId).filter((version) => version.status !== 'revoked');
    if (live.length === 0) return { next: { ...state, step: 'done' } };
    for (const version of live) {
      const keyId = client?.capabilities.revoke ? keyIdOf(env.vault, tokenId, version, state.connectionId) : null;
      if (keyId !== null && client !== null) {
        const failed = await revokeRemote(env, client, keyId);
        if (failed && isTransient(failed)) return pending(env, failed);
        if (failed) return { next: revokeFailed(state, keyId, version.id, failed, 'planned') };
      } else if (isSession && client?.endSession !== undefined) {
        const failed = await endSession(env, client.endSession, tokenId, version.id);
        if (failed !== null) return pending(env, failed);
      }
      markRevoked(env, tokenId, version.id);
    }
  }
  return pending(env, KEEPS_GROWING);
}
