/**
 * The approval port: how the app link asks the user about a new client session. The app's
 * implementation is the window's prompt (window-approver.ts); tests and the bench pass their
 * own. `signal` aborts when the question no longer matters (the vault locked, the app quits):
 * the prompt goes away and the answer is ignored.
 */
import type { ApprovalDecision, CliApprovalQuestion } from '../../shared/cli-approval';

export interface Approver {
  ask(question: CliApprovalQuestion, signal: AbortSignal): Promise<ApprovalDecision>;
}
