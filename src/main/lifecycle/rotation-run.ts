/**
 * The rotation engine's runner: a journal entry runs step by step, each state committed before
 * the next. `runJournal` resumes any unfinished entry; planning is in rotation-plan.ts.
 *
 * A process runs an entry only while it holds the entry's lock (vault/journal-lock.ts): a new
 * entry is locked before it is written, and an entry another live process holds is left alone
 * (`busy`). The lock dies with its process, so an entry whose owner was killed is free at once.
 */
import { KeyturnError, assertNever } from '../../shared/errors';
import type { JournalClaim, Vault } from '../vault/types';
import { commit, type LifecycleDeps } from './context';
import type { RunOutcome } from './outcome';
import { isFinished, parseJournal, toJournalFields, UNVERIFIED_NOTICE, type Rotation } from './rotation-state';
import {
  discardStep,
  promoteStep,
  retireStep,
  retryRevokeStep,
  testStep,
  type StepEnv,
  type StepResult,
} from './rotation-steps';
import { cancelPlannedStep, isRevokedMeanwhile, stopForRevoke } from './step-cancel';
import { createStep } from './step-create';
import { revokeStep } from './step-revoke';

/** More steps than any journal needs: a guard against a bug looping forever. */
const MAX_STEPS = 16;

/**
 * `start`: the process that planned the entry runs it. `resume`: anyone else (reconcile, the
 * scheduler, a command that found it open); a `create` or manual rotation that never got past
 * `planned` is then discarded, because the user who asked for it has gone. `give-up`: the planner
 * itself discards its `create` after a provider error.
 */
export type RunMode = 'start' | 'resume' | 'give-up';

/** Resumes an entry, unless a live process holds it. */
export async function runJournal(vault: Vault, journalId: string, deps: LifecycleDeps): Promise<RunOutcome> {
  const claim = vault.claimJournal(journalId);
  if (claim === null) return { status: 'busy', journalId, tokenId: vault.getJournal(journalId).tokenId };
  return runClaimed(vault, claim, deps, 'resume');
}

/** Runs an entry this process holds, as far as it goes, and gives its lock back. */
export async function runClaimed(
  vault: Vault,
  claim: JournalClaim,
  deps: LifecycleDeps,
  mode: RunMode,
): Promise<RunOutcome> {
  let finished = false;
  try {
    const first = parseJournal(vault.getJournal(claim.journalId)).rotation.step;
    let outcome = await drive(vault, claim.journalId, deps, mode, first);
    // A `create` that met a provider error before its key was stored is given up here and now:
    // the user is told it failed, and it is never carried out behind their back later.
    if (mode === 'start' && outcome.status === 'pending' && isUnstartedCreate(vault, claim.journalId)) {
      outcome = await drive(vault, claim.journalId, deps, 'give-up', first);
    }
    finished = outcome.status === 'done' || outcome.status === 'failed';
    return outcome;
  } finally {
    claim.release({ finished });
  }
}

function isUnstartedCreate(vault: Vault, journalId: string): boolean {
  const record = parseJournal(vault.getJournal(journalId));
  return record.operation === 'create' && record.rotation.step === 'planned';
}

async function drive(
  vault: Vault,
  journalId: string,
  deps: LifecycleDeps,
  mode: RunMode,
  first: Rotation['step'],
): Promise<RunOutcome> {
  for (let count = 0; count < MAX_STEPS; count += 1) {
    const record = parseJournal(vault.getJournal(journalId));
    if (count === 0) deps.onStep?.(record.id, record.operation, record.rotation);
    const env = { vault, deps, record };
    const result = await step(env, mode);
    if ('outcome' in result) {
      const message = result.outcome.status === 'pending' ? result.outcome.error.message : null;
      if (message !== null && record.rotation.lastError !== message)
        save(env, { ...record.rotation, lastError: message });
      return result.outcome;
    }
    save(env, result.next);
    if (isFinished(result.next.step)) audit(env, result.next, mode, first);
  }
  throw new KeyturnError('INTERNAL', 'A rotation did not settle');
}

function save(env: StepEnv, next: Rotation): void {
  const { state, data } = toJournalFields(next);
  commit(env.deps, `journal ${state}`, () => env.vault.updateJournal(env.record.id, state, data));
  if (state !== env.record.rotation.step) env.deps.onStep?.(env.record.id, env.record.operation, next);
}

/** One entry per finished journal, saying who ran it (the audit viewer's source); a resumed one says from where. */
function audit(env: StepEnv, rotation: Rotation, mode: RunMode, first: Rotation['step']): void {
  const { operation } = env.record;
  const action = operation === 'revoke' ? 'revoke' : operation === 'create' ? 'create' : 'rotate';
  const outcome = rotation.step === 'abandoned' ? `abandoned: ${rotation.reason}` : rotation.step;
  const actor = env.deps.actor ?? 'Keyturn';
  const by = mode === 'resume' ? ` (resumed from ${first} by ${actor})` : ` (by ${actor})`;
  env.vault.audit(action, rotation.tokenId, `${operation} ${env.record.id} ${outcome}${by}`);
}

async function step(env: StepEnv, mode: RunMode): Promise<StepResult> {
  const { rotation, operation, id } = env.record;
  if (isRevokedMeanwhile(env)) {
    const stopped = await stopForRevoke(env, rotation);
    if (stopped) return stopped;
  }
  switch (rotation.step) {
    case 'planned':
      if (operation === 'revoke') return revokeStep(env, rotation);
      if (mode !== 'start' && operation === 'create') {
        const reason = rotation.lastError ?? 'it was interrupted';
        return cancelPlannedStep(env, rotation, `Not created: ${reason}; nothing was kept`);
      }
      if (mode !== 'start' && operation === 'manual-rotate') {
        return cancelPlannedStep(env, rotation, 'No new value was given; the old one stays current');
      }
      if (operation === 'manual-rotate') {
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
