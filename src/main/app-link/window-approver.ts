/**
 * The app's Approver: a pending list the window shows and answers. Each new question is pushed
 * to the window (`publish`), made noticeable (`attention`: the window to the front, an OS
 * notification), and settled by the window's answer, by its timeout, or by an abort (lock, quit).
 * Pure of Electron: the composition root passes what publishing and attention mean.
 */
import { randomUUID } from 'node:crypto';
import type { ApprovalDecision, CliApprovalRequest } from '../../shared/cli-approval';
import type { CliApprovalPort, Clock, TimerHandle } from '../api/ports';
import type { Approver } from './approver';

/** How long the user has to answer before the command is told nobody did. */
export const APPROVAL_TIMEOUT_MS = 60_000;

export interface WindowApproverDeps {
  readonly clock: Clock;
  readonly timeoutMs?: number;
  /** The pending list changed (a question came, or one was settled). */
  publish(pending: readonly CliApprovalRequest[]): void;
  /** A new question: make sure the user looks. */
  attention(request: CliApprovalRequest): void;
}

export interface WindowApprover extends Approver, CliApprovalPort {}

interface Waiting {
  readonly request: CliApprovalRequest;
  readonly timer: TimerHandle;
  readonly settle: (decision: ApprovalDecision) => void;
}

export function createWindowApprover(deps: WindowApproverDeps): WindowApprover {
  const waiting = new Map<string, Waiting>();
  const list = (): CliApprovalRequest[] => [...waiting.values()].map((entry) => entry.request);
  const settle = (id: string, decision: ApprovalDecision): boolean => {
    const entry = waiting.get(id);
    if (entry === undefined) return false;
    waiting.delete(id);
    deps.clock.clearTimeout(entry.timer);
    entry.settle(decision);
    deps.publish(list());
    return true;
  };

  return {
    ask(question, signal) {
      if (signal.aborted) return Promise.resolve('timeout');
      const now = deps.clock.now();
      const timeoutMs = deps.timeoutMs ?? APPROVAL_TIMEOUT_MS;
      const request: CliApprovalRequest = {
        ...question,
        id: randomUUID(),
        requestedAt: now,
        expiresAt: now + timeoutMs,
      };
      return new Promise<ApprovalDecision>((resolve) => {
        const timer = deps.clock.setTimeout(() => settle(request.id, 'timeout'), timeoutMs);
        waiting.set(request.id, { request, timer, settle: resolve });
        signal.addEventListener('abort', () => settle(request.id, 'timeout'), { once: true });
        deps.publish(list());
        deps.attention(request);
      });
    },
    pending: list,
    answer: ({ id, decision }) => settle(id, decision === 'approve' ? 'approved' : 'denied'),
  };
}
