/**
 * A lifecycle run's progress, told to whoever listens: the CLI's progress port (provider calls and
 * committed steps, as lines on a terminal) and the window's `lifecycle:progress` events, which carry
 * the journal, the step in plain words (describeRotation) and what happens next.
 */
import type { LifecycleProgressEvent } from '../../shared/window-events';
import type { ProviderId } from '../../shared/model';
import type { LifecycleDeps } from '../lifecycle/context';
import type { RunOutcome } from '../lifecycle/outcome';
import { describeRotation } from '../lifecycle/rotation-state';
import type { Vault } from '../vault/types';
import type { AppContext } from './context';
import { PROVIDER_NAMES } from '../../shared/provider-names';

type About = Pick<LifecycleProgressEvent, 'journalId' | 'operation' | 'tokenId' | 'label' | 'environmentId'>;
type Phase = LifecycleProgressEvent extends infer E ? (E extends unknown ? Omit<E, keyof About | 'at'> : never) : never;

export interface ProgressReporter {
  readonly faultPoint: NonNullable<LifecycleDeps['faultPoint']>;
  readonly onStep: NonNullable<LifecycleDeps['onStep']>;
  /** Tells how a run ended when it did not end at `done` (done is told as its step). */
  outcome(outcome: RunOutcome): void;
}

const CALL_WORDS: Readonly<Record<string, string>> = {
  createKey: 'to create the new key',
  verify: 'to check the key',
  revokeKey: 'to revoke the key',
  listKeys: 'for its list of keys',
  session: 'to log in',
};

export function progressReporter(context: AppContext, vault: Vault): ProgressReporter {
  let about: About | null = null;
  let provider = 'the provider';
  const tell = (phase: Phase): void => {
    if (about === null || context.events === undefined) return;
    context.events.emit('lifecycle:progress', {
      ...about,
      at: context.clock.now(),
      ...phase,
    } as LifecycleProgressEvent);
  };
  return {
    faultPoint(label) {
      const call = /^before (?!commit )(.+)$/.exec(label)?.[1];
      if (call !== undefined) {
        context.progress?.({ kind: 'call', label: call });
        tell({ kind: 'call', call, title: `Asking ${provider} ${CALL_WORDS[call] ?? `(${call})`}` });
      }
      const step = /^after commit journal (.+)$/.exec(label)?.[1];
      if (step !== undefined) context.progress?.({ kind: 'step', step });
    },
    onStep(journalId, operation, rotation) {
      about = {
        journalId,
        operation,
        tokenId: rotation.tokenId,
        label: rotation.label,
        environmentId: rotation.environmentId,
      };
      provider = providerName(vault, rotation.connectionId);
      const words = describeRotation(rotation);
      tell({ kind: 'step', step: rotation.step, title: words.title, next: words.action });
    },
    outcome(outcome) {
      const phase = outcomePhase(outcome, provider);
      if (phase !== null) tell(phase);
    },
  };
}

function outcomePhase(outcome: RunOutcome, provider: string): Phase | null {
  switch (outcome.status) {
    case 'done':
      return null;
    case 'pending':
      return {
        kind: 'pending',
        reason: outcome.error.message,
        retryAfterSeconds: outcome.error.retryAfterSeconds ?? null,
        next: `${provider} could not finish it now. Keyturn keeps the work and retries it; the key in use stays current until a new one has passed its test.`,
      };
    case 'waiting':
      return {
        kind: 'waiting',
        until: outcome.until,
        next: 'The new key is in use. The old key keeps working until the grace period ends, then Keyturn revokes it.',
      };
    case 'failed':
      return { kind: 'failed', reason: outcome.reason, next: 'The old key stays current; nothing else changed.' };
    case 'needs-user':
      return { kind: 'needs-user', message: outcome.message };
    case 'busy':
      return {
        kind: 'pending',
        reason: 'Another Keyturn process (a keyturn command, or another window) is working on it right now.',
        retryAfterSeconds: null,
        next: 'It finishes there; if that process goes away first, Keyturn finishes it here.',
      };
  }
}

function providerName(vault: Vault, connectionId: string | null): string {
  if (connectionId === null) return 'the provider';
  try {
    const provider: ProviderId = vault.getConnection(connectionId).provider;
    return PROVIDER_NAMES[provider];
  } catch {
    return 'the provider';
  }
}
