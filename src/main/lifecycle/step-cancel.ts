/**
 * Entries that end without carrying out their operation:
 * - a `create` or a manual rotation still `planned` when its process died or gave up: the user
 *   got nothing from it, so it is discarded rather than carried out later. A key the provider made
 *   for it is found by its name (which carries the journal id) and revoked.
 * - a rotation of a token revoked since it started: its new key is revoked too, so a revoke is
 *   never undone by a rotation that was under way.
 */
import { KeyturnError } from '../../shared/errors';
import { isTransient } from './outcome';
import type { Rotation } from './rotation-state';
import { clientOf, pending, revokeFailed, sweepOwnOrphans, type StepEnv, type StepResult } from './rotation-steps';
import { adoptStored } from './step-create';

type Planned = Extract<Rotation, { step: 'planned' }>;

export const REVOKED_MEANWHILE = 'The token was revoked, so this rotation was stopped and its new key revoked';

/** planned → abandoned (or → created when the new value was already stored: that is finished). */
export async function cancelPlannedStep(env: StepEnv, state: Planned, reason: string): Promise<StepResult> {
  const adopted = adoptStored(env, state);
  if (adopted) return { next: adopted };
  const client = clientOf(env);
  let why = reason;
  if (client !== null && env.record.operation !== 'manual-rotate') {
    const swept = await sweepOwnOrphans(env, client);
    if (!swept.ok && isTransient(swept.error)) return pending(env, swept.error);
    if (!swept.ok && swept.keyId !== null) {
      return { next: revokeFailed(state, swept.keyId, null, swept.error, 'abandoned', reason) };
    }
    if (!swept.ok) why = `${reason}. The provider refused to list its keys: ${swept.error.message}`;
  }
  return { next: { ...state, step: 'abandoned', reason: why } };
}

/** Whether the token this entry works on was revoked (or removed) since it started. */
export function isRevokedMeanwhile(env: StepEnv): boolean {
  const { operation, rotation } = env.record;
  if (operation === 'revoke' || rotation.tokenId === null) return false;
  try {
    return env.vault.getToken(rotation.tokenId).revoked;
  } catch (cause) {
    if (cause instanceof KeyturnError && cause.code === 'NOT_FOUND') return true;
    throw cause;
  }
}

/** The step a rotation of a revoked token takes instead of its own; null where its own is right. */
export async function stopForRevoke(env: StepEnv, rotation: Rotation): Promise<StepResult | null> {
  switch (rotation.step) {
    case 'planned':
      return cancelPlannedStep(env, rotation, REVOKED_MEANWHILE);
    case 'created':
    case 'tested':
    case 'awaiting-confirmation':
      return { next: { ...rotation, step: 'discarding', reason: REVOKED_MEANWHILE } };
    case 'promoted': {
      const { promotedAt: _promotedAt, ...rest } = rotation;
      return { next: { ...rest, step: 'discarding', reason: REVOKED_MEANWHILE } };
    }
    case 'discarding':
    case 'revoke-failed':
    case 'done':
    case 'abandoned':
      return null;
  }
}
