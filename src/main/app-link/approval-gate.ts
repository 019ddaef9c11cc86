/**
 * The approvals the app link holds: the book of decided sessions (approvals.ts), the questions
 * out with the user (one per session, however many commands of that session wait on it), and how
 * many sessions may wait at once. Locking empties it: every approval ends, every question is
 * withdrawn.
 */
import type { ApprovalDecision, CliApprovalQuestion } from '../../shared/cli-approval';
import type { Clock } from '../api/ports';
import {
  emptyBook,
  pruneBook,
  recordDecision,
  recordUse,
  standingOf,
  type ApprovalBook,
  type ApprovalPolicy,
} from './approvals';
import type { Approver } from './approver';

export type Admission = 'approved' | 'denied' | 'timeout' | 'busy' | 'withdrawn';

export interface ApprovalGateDeps {
  readonly approver: Approver;
  readonly clock: Clock;
  readonly policy: () => ApprovalPolicy;
  /** How many sessions may wait for the user at once; more are told the app is busy. */
  readonly maxPendingSessions: number;
  /** The user's decision, for the audit log; throws if it cannot be recorded (then it does not count). */
  readonly record: (decision: ApprovalDecision, question: CliApprovalQuestion) => void;
}

export interface ApprovalGate {
  admit(sessionKey: string, question: CliApprovalQuestion): Promise<Admission>;
  forgetAll(): void;
}

export function createApprovalGate(deps: ApprovalGateDeps): ApprovalGate {
  let book: ApprovalBook = emptyBook();
  let epoch = 0;
  const asking = new Map<string, { readonly decision: Promise<ApprovalDecision>; readonly abort: AbortController }>();

  const ask = (sessionKey: string, question: CliApprovalQuestion): Promise<ApprovalDecision> | null => {
    const current = asking.get(sessionKey);
    if (current !== undefined) return current.decision;
    if (asking.size >= deps.maxPendingSessions) return null;
    const abort = new AbortController();
    const askedIn = epoch;
    const decision = deps.approver
      .ask(question, abort.signal)
      .catch((): ApprovalDecision => 'timeout')
      .then((answer) => {
        if (asking.get(sessionKey)?.abort === abort) asking.delete(sessionKey);
        if (askedIn !== epoch) return answer;
        deps.record(answer, question);
        if (answer !== 'timeout') book = recordDecision(book, sessionKey, answer, deps.clock.now());
        return answer;
      });
    asking.set(sessionKey, { decision, abort });
    return decision;
  };

  return {
    async admit(sessionKey, question) {
      const now = deps.clock.now();
      book = pruneBook(book, now, deps.policy());
      const standing = standingOf(book, sessionKey, now, deps.policy());
      if (standing === 'approved') {
        book = recordUse(book, sessionKey, now);
        return 'approved';
      }
      if (standing === 'denied') return 'denied';
      const askedIn = epoch;
      const decision = ask(sessionKey, question);
      if (decision === null) return 'busy';
      const answer = await decision;
      return askedIn === epoch ? answer : 'withdrawn';
    },
    forgetAll() {
      epoch += 1;
      book = emptyBook();
      const questions = [...asking.values()];
      asking.clear();
      for (const question of questions) question.abort.abort();
    },
  };
}
