/**
 * The window's side of approving terminals (docs/cli.md, App integration): what waits for the
 * user, and the user's answer. The questions live in main's approver (app-link/window-approver.ts),
 * reached through the context; without one (the CLI, the browser bridge) nothing ever waits.
 */
import type { HandlerBodies } from './handler';

type ApprovalChannels = 'cli-approvals:pending' | 'cli-approval:answer';

export const cliApprovalHandlers: HandlerBodies<ApprovalChannels> = {
  'cli-approvals:pending': (_input, context) => context.cliApprovals?.pending() ?? [],
  'cli-approval:answer': (answer, context) => ({ settled: context.cliApprovals?.answer(answer) ?? false }),
};
