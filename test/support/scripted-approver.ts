/**
 * An Approver for tests: records every question and answers as the test says, at once or when the
 * test releases it. The app's real approver is the window's (app-link/window-approver.ts).
 */
import type { Approver } from '../../src/main/app-link/approver';
import type { ApprovalDecision, CliApprovalQuestion } from '../../src/shared/cli-approval';

export class ScriptedApprover implements Approver {
  readonly questions: CliApprovalQuestion[] = [];
  /** What the next questions are answered; 'hold' waits for release(). */
  answer: ApprovalDecision | 'hold' = 'approved';
  private held: { readonly settle: (decision: ApprovalDecision) => void; readonly signal: AbortSignal }[] = [];

  ask(question: CliApprovalQuestion, signal: AbortSignal): Promise<ApprovalDecision> {
    this.questions.push(question);
    if (this.answer !== 'hold') return Promise.resolve(this.answer);
    return new Promise((settle) => {
      this.held.push({ settle, signal });
      signal.addEventListener('abort', () => settle('timeout'), { once: true });
    });
  }

  get waiting(): number {
    return this.held.filter((entry) => !entry.signal.aborted).length;
  }

  /** Answers every held question. */
  release(decision: ApprovalDecision): void {
    for (const entry of this.held.splice(0)) entry.settle(decision);
  }
}
