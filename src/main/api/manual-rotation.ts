/**
 * `token:rotate` for a token whose provider has no API to make keys (SynapTask, the Syft Space
 * admin key, a manual token) or that no connection reaches: the user makes the new key in the
 * provider's UI and pastes it. Without a value the answer says what to do (`needs-value`) and
 * nothing is recorded; with one, lifecycle's manual rotation stores, checks and promotes it.
 */
import { KeyturnError } from '../../shared/errors';
import type { LifecycleResult, ReconciledView } from '../../shared/ipc-cli-channels';
import type { TokenView } from '../../shared/model';
import type { LifecycleDeps } from '../lifecycle/context';
import type { Vault } from '../vault/types';
import { toResult } from './lifecycle-run';

/** null when the provider rotates this token through its API (the caller does that). */
export async function manualRotation(
  vault: Vault,
  token: TokenView,
  newValue: string | undefined,
  deps: LifecycleDeps,
  settled: readonly ReconciledView[],
): Promise<LifecycleResult | null> {
  const { capabilitiesOf } = await import('../providers');
  const { connectionOf } = await import('../lifecycle/token-connection');
  const { assertCanVerify, rotateManually } = await import('../lifecycle/manual-rotation');
  const capabilities = capabilitiesOf(token.provider);
  const byApi = connectionOf(vault, token) !== null && capabilities.create;
  if (byApi) {
    if (newValue !== undefined)
      throw new KeyturnError(
        'INVALID_INPUT',
        `Keyturn makes ${token.provider} keys itself; there is no value to paste`,
      );
    return null;
  }
  if (token.revoked) throw new KeyturnError('TOKEN_REVOKED', 'This token is revoked');
  // Before the user goes to make a key: a value that could not be checked would be refused anyway.
  assertCanVerify(vault, token.id);
  if (newValue === undefined) {
    const check = capabilities.verify
      ? `Keyturn checks it with ${token.provider} before it replaces the current one`
      : 'Keyturn cannot check it (no provider API), so make sure it works';
    return {
      status: 'needs-value',
      journalId: null,
      token,
      previousRevokedAfter: null,
      message: `Make a new key for “${token.label}” in ${token.provider}’s web UI, then give it here. ${check}.`,
      settled,
    };
  }
  return toResult(vault, await rotateManually(vault, token.id, newValue, deps), settled);
}
