/**
 * Guided rotation for providers without a token API (SynapTask, the Syft Space admin key): the
 * user makes the new key in the provider's UI and pastes it; Keyturn verifies and promotes it,
 * then reminds the user until they confirm the old key is revoked. Same journal, same states.
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
import { runJournal, planForToken } from './rotation';
import { parseJournal, toJournalFields, type Rotation } from './rotation-state';
import { versionWithStatus } from './vault-keys';

export function startManualRotation(vault: Vault, tokenId: string): string {
  assertCanVerify(vault, tokenId);
  return planForToken(vault, tokenId, 'manual-rotate');
}

/** Refuses when the provider could check the new value but the token has no connection to do it. */
function assertCanVerify(vault: Vault, tokenId: string): void {
  const token = vault.getToken(tokenId);
  if (token.connectionId !== null || !capabilitiesOf(token.provider).verify) return;
  throw new KeyturnError(
    'INVALID_INPUT',
    `“${token.label}” has no connection to ${token.provider}, so a new value could not be verified before it replaces ` +
      `the working one. Connect it to ${token.provider} first, then rotate.`,
  );
}

function manualState(vault: Vault, journalId: string, step: Rotation['step']): Rotation {
  const record = parseJournal(vault.getJournal(journalId));
  const isManual = record.operation === 'manual-rotate' || step === 'awaiting-confirmation';
  if (!isManual || record.rotation.step !== step) {
    throw new KeyturnError('INVALID_INPUT', 'This rotation is not waiting for that');
  }
  return record.rotation;
}

/** The pasted value is stored as pending, verified, and promoted if it works. */
export async function submitManualValue(
  vault: Vault,
  journalId: string,
  value: string,
  deps: LifecycleDeps,
): Promise<RunOutcome> {
  const state = manualState(vault, journalId, 'planned');
  const tokenId = state.tokenId;
  if (tokenId === null) throw new KeyturnError('INVALID_INPUT', 'This rotation has no token');
  if (value.trim() === '') throw new KeyturnError('INVALID_INPUT', 'The new value is empty');
  // The connection may have been removed since the rotation started.
  assertCanVerify(vault, tokenId);
  // A value pasted before a crash is dropped: the user pastes again.
  const stale = versionWithStatus(vault, tokenId, 'pending');
  if (stale) commit(deps, 'drop stale pending', () => vault.setVersionStatus(stale.id, 'revoked'));
  const version = commit(deps, 'store pasted value', () =>
    vault.addVersion(tokenId, value.trim(), { status: 'pending' }),
  );
  const next: Rotation = { ...state, step: 'created', newVersionId: version.id, newKeyId: null, lastError: null };
  const { state: step, data } = toJournalFields(next);
  commit(deps, `journal ${step}`, () => vault.updateJournal(journalId, step, data));
  return runJournal(vault, journalId, deps);
}

/** The user says the old key is revoked at the provider: it is marked revoked and the journal ends. */
export function confirmOldRevoked(vault: Vault, journalId: string, deps: LifecycleDeps): void {
  const state = manualState(vault, journalId, 'awaiting-confirmation');
  if (state.tokenId !== null && state.previousVersionId !== null) {
    const previous = vault.listVersions(state.tokenId).find((version) => version.id === state.previousVersionId);
    const previousId = state.previousVersionId;
    if (previous && previous.status !== 'revoked') {
      commit(deps, 'previous revoked', () => vault.setVersionStatus(previousId, 'revoked'));
    }
  }
  const done: Rotation = { ...state, step: 'done' };
  const { state: step, data } = toJournalFields(done);
  commit(deps, 'journal done', () => vault.updateJournal(journalId, step, data));
  deps.onStep?.(journalId, vault.getJournal(journalId).operation, done);
  vault.audit('rotate', state.tokenId, 'manual rotation confirmed');
}
