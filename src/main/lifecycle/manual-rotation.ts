/**
 * Guided rotation for providers without a token API (SynapTask, the Syft Space admin key): the
 * user makes the new key in the provider's UI and pastes it; Keyturn verifies and promotes it,
 * then reminds the user until they confirm the old key is revoked. Same journal, same states.
 *
 * The entry is planned only once the new value is in hand, and the value is stored in the same
 * run: a user who walks away before pasting leaves nothing behind. A process killed after that
 * leaves a `created` entry, resumed like any other (a `planned` one is discarded, step-cancel.ts).
 *
 * A pasted value is never promoted unchecked when a check is possible: if the token's provider can
 * verify a secret but the token has no connection, the rotation is refused until it is connected
 * (a typo or a wrong key would otherwise replace the working one). Only a provider with no check
 * at all is promoted unverified, recorded as `verified: false` and said so in the reminder.
 */
import { KeyturnError } from '../../shared/errors';
import { capabilitiesOf } from '../providers';
import type { Vault } from '../vault/types';
import { commit, type LifecycleDeps } from './context';
import type { RunOutcome } from './outcome';
import { planForToken, runClaimed } from './rotation';
import { parseJournal, toJournalFields, type Rotation } from './rotation-state';
import { connectionOf } from './token-connection';
import { versionWithStatus } from './vault-keys';

/** Refuses when the provider could check the new value but the token has no connection to do it. */
export function assertCanVerify(vault: Vault, tokenId: string): void {
  const token = vault.getToken(tokenId);
  if (connectionOf(vault, token) !== null || !capabilitiesOf(token.provider).verify) return;
  throw new KeyturnError(
    'INVALID_INPUT',
    `“${token.label}” has no connection to ${token.provider}, so a new value could not be verified before it replaces ` +
      `the working one. Connect it to ${token.provider} first, then rotate.`,
  );
}

/** The pasted value is stored as pending, verified, and promoted if it works. */
export async function rotateManually(
  vault: Vault,
  tokenId: string,
  value: string,
  deps: LifecycleDeps,
): Promise<RunOutcome> {
  const pasted = value.trim();
  if (pasted === '') throw new KeyturnError('INVALID_INPUT', 'The new value is empty');
  assertCanVerify(vault, tokenId);
  const { journalId, claim } = planForToken(vault, tokenId, 'manual-rotate');
  try {
    const state = parseJournal(vault.getJournal(journalId)).rotation;
    // A value left pending by an earlier rotation that never finished is dropped: this one replaces it.
    const stale = versionWithStatus(vault, tokenId, 'pending');
    if (stale) commit(deps, 'drop stale pending', () => vault.setVersionStatus(stale.id, 'revoked'));
    const version = commit(deps, 'store pasted value', () => vault.addVersion(tokenId, pasted, { status: 'pending' }));
    const next: Rotation = { ...state, step: 'created', newVersionId: version.id, newKeyId: null, lastError: null };
    const { state: step, data } = toJournalFields(next);
    commit(deps, `journal ${step}`, () => vault.updateJournal(journalId, step, data));
  } catch (cause) {
    claim.release();
    throw cause;
  }
  return runClaimed(vault, claim, deps, 'start');
}

/** The token's manual rotation that waits for the user to confirm the old key is revoked. */
export function awaitingConfirmation(vault: Vault, tokenId: string): string | null {
  const open = vault.listJournal({ unfinishedOnly: true, tokenId }).map(parseJournal);
  return open.find((record) => record.rotation.step === 'awaiting-confirmation')?.id ?? null;
}

/** The user says the old key is revoked at the provider: it is marked revoked and the journal ends. */
export function confirmOldRevoked(vault: Vault, journalId: string, deps: LifecycleDeps): void {
  const claim = vault.claimJournal(journalId);
  if (claim === null)
    throw new KeyturnError('ROTATION_IN_PROGRESS', 'Another Keyturn process is working on this rotation');
  let finished = false;
  try {
    const state = parseJournal(vault.getJournal(journalId)).rotation;
    if (state.step !== 'awaiting-confirmation') {
      throw new KeyturnError('INVALID_INPUT', 'This rotation is not waiting for a confirmation');
    }
    const { tokenId, previousVersionId } = state;
    const previous =
      tokenId === null || previousVersionId === null
        ? undefined
        : vault.listVersions(tokenId).find((version) => version.id === previousVersionId);
    if (previous && previous.status !== 'revoked') {
      commit(deps, 'previous revoked', () => vault.setVersionStatus(previous.id, 'revoked'));
    }
    const done: Rotation = { ...state, step: 'done' };
    const { state: step, data } = toJournalFields(done);
    commit(deps, 'journal done', () => vault.updateJournal(journalId, step, data));
    deps.onStep?.(journalId, 'manual-rotate', done);
    finished = true;
    vault.audit('rotate', tokenId, `manual-rotate ${journalId} done: the old key was confirmed revoked`);
  } finally {
    // Only a finished entry's lock file goes: removing a live one would let a second owner in.
    claim.release({ finished });
  }
}
