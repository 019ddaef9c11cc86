/**
 * What the lifecycle handlers share: the engine's dependencies for this caller, and the turning of
 * its outcomes into the contract's results, views and errors (each a sentence, never a secret).
 */
import { KeyturnError } from '../../shared/errors';
import type { LifecycleResult, ReconciledView } from '../../shared/ipc-cli-channels';
import type { TokenView } from '../../shared/model';
import type { LifecycleDeps } from '../lifecycle/context';
import type { RunOutcome } from '../lifecycle/outcome';
import { describeRotation, parseJournal } from '../lifecycle/rotation-state';
import type { Vault } from '../vault/types';
import type { AppContext } from './context';
import { providerClients } from './fresh';
import type { ProgressReporter } from './lifecycle-progress';

export interface LifecycleRun {
  readonly deps: LifecycleDeps;
  readonly reporter: ProgressReporter;
  /** Tells how the run ended (the window's progress), then answers it: a result, or its error. */
  readonly finish: (outcome: RunOutcome, settled?: readonly ReconciledView[]) => LifecycleResult;
}

/**
 * The engine's deps with progress: provider calls before they start, steps once committed (the
 * CLI's lines, the window's lifecycle:progress events), and how the run ended.
 */
export async function lifecycleRun(context: AppContext, vault: Vault): Promise<LifecycleRun> {
  const { progressReporter } = await import('./lifecycle-progress');
  const reporter = progressReporter(context, vault);
  return {
    deps: {
      now: () => context.clock.now(),
      clients: await providerClients(vault, context),
      actor: context.callerName ?? 'app',
      faultPoint: reporter.faultPoint,
      onStep: reporter.onStep,
    },
    reporter,
    finish: (outcome, settled = []) => {
      reporter.outcome(outcome);
      return toResult(vault, outcome, settled);
    },
  };
}

/** The engine's deps for work whose progress only the CLI's lines (and the window's events) tell. */
export async function lifecycleDeps(context: AppContext, vault: Vault): Promise<LifecycleDeps> {
  return (await lifecycleRun(context, vault)).deps;
}

/** The sentence for a key the provider refused to revoke, naming the key (its id is not a secret). */
function refusedRevoke(vault: Vault, journalId: string, fallback: string): string {
  const record = parseJournal(vault.getJournal(journalId));
  if (record.rotation.step !== 'revoke-failed') return fallback;
  const { keyId, message } = record.rotation;
  const what = `the provider refused to revoke key ${keyId} (${message}). Keyturn retries it; or revoke it in the provider’s UI`;
  return record.operation === 'revoke' ? `Not revoked at the provider: ${what}` : `The new key is current, but ${what}`;
}

/** One sentence for an outcome, as reconcile and `status` show it. */
export function describeOutcome(vault: Vault, outcome: RunOutcome): string | null {
  switch (outcome.status) {
    case 'done':
      return null;
    case 'failed':
      return outcome.reason;
    case 'waiting':
      return `The previous key stays live until ${new Date(outcome.until).toISOString()}`;
    case 'pending':
      return `Queued, not finished: ${outcome.error.message}`;
    case 'busy':
      return 'Another Keyturn process is working on it; left alone';
    case 'needs-user': {
      if (outcome.error !== undefined) return refusedRevoke(vault, outcome.journalId, outcome.message);
      const { rotation } = parseJournal(vault.getJournal(outcome.journalId));
      return describeRotation(rotation).action ?? outcome.message;
    }
  }
}

function refOf(vault: Vault, tokenId: string | null, environmentId: string, label: string): string {
  const token = tokenId === null ? null : tryToken(vault, tokenId);
  const environment = vault.listEnvironments().find((e) => e.id === (token?.environmentId ?? environmentId));
  const tenant = environment && vault.listTenants().find((t) => t.id === environment.tenantId);
  return `${tenant?.name ?? '?'}/${environment?.name ?? '?'}/${token?.label ?? label}`;
}

function tryToken(vault: Vault, tokenId: string): TokenView | null {
  try {
    return vault.getToken(tokenId);
  } catch {
    return null;
  }
}

export interface EntryFacts {
  readonly journalId: string;
  readonly operation: string;
  readonly from: string;
  readonly outcome: RunOutcome;
}

export function reconciledView(vault: Vault, entry: EntryFacts): ReconciledView {
  const { rotation } = parseJournal(vault.getJournal(entry.journalId));
  return {
    journalId: entry.journalId,
    operation: entry.operation,
    ref: refOf(vault, entry.outcome.tokenId ?? rotation.tokenId, rotation.environmentId, rotation.label),
    from: entry.from,
    status: entry.outcome.status,
    message: describeOutcome(vault, entry.outcome),
  };
}

function pendingMessage(vault: Vault, journalId: string, why: string): string {
  const resumes = 'It resumes with the next command on this token or keyturn reconcile';
  switch (vault.getJournal(journalId).operation) {
    // A create is never carried out later: only the sweep for a key it may have made is left.
    case 'create':
      return `Not created: ${why}. A key the provider may have made for it is revoked once it answers (keyturn reconcile)`;
    case 'revoke':
      return `Revoked in Keyturn (its value is no longer handed out), not yet at the provider: ${why}. ${resumes}`;
    default:
      return `Queued, not finished: ${why}. ${resumes}`;
  }
}

/** A run that did not get to its end is an error with a stable code (exit 5 for a provider's). */
export function toResult(vault: Vault, outcome: RunOutcome, settled: readonly ReconciledView[]): LifecycleResult {
  const token = outcome.tokenId === null ? null : tryToken(vault, outcome.tokenId);
  const base = { journalId: outcome.journalId, token, previousRevokedAfter: null, message: null, settled };
  switch (outcome.status) {
    case 'done':
      return { ...base, status: 'done' };
    case 'waiting':
      return { ...base, status: 'waiting', previousRevokedAfter: outcome.until };
    case 'pending':
      throw new KeyturnError(outcome.error.code, pendingMessage(vault, outcome.journalId, outcome.error.message));
    case 'failed':
      throw new KeyturnError('PROVIDER_REJECTED', outcome.reason);
    case 'busy':
      throw new KeyturnError('ROTATION_IN_PROGRESS', 'Another Keyturn process is working on this token right now');
    case 'needs-user':
      // A key the provider refused to revoke: ROTATION_FAILED, not the provider's code, tells the
      // window the user must act (the key is listed by rotations:list) apart from a provider error
      // that changed nothing; the sentence carries the provider's reason. The CLI exits 5 for it.
      if (outcome.error !== undefined) {
        throw new KeyturnError('ROTATION_FAILED', refusedRevoke(vault, outcome.journalId, outcome.message));
      }
      return { ...base, status: 'awaiting-confirmation', message: describeOutcome(vault, outcome) };
  }
}
