/**
 * A `keyturn` command asking the running app, as the window shows it: which command, what it
 * wants, from where. Main pushes the pending list (`cli-approvals:changed`) and the window answers
 * one (`cli-approval:answer`). Every string here comes from a terminal the user does not
 * necessarily control (a working directory can hold any text): render it isolated (dir="auto").
 * Never holds a secret.
 */
import { z } from 'zod';
import type { OutputOf } from './ipc';
import { channel } from './lazy-channel';

export const APPROVAL_PURPOSES = ['get', 'run', 'env'] as const;

/** What the endpoint asks the user; main's approver adds the id and the times. */
function buildQuestion() {
  return z
    .object({
      /** The command as the client describes it: `get`, `run npm`, `env`. */
      command: z.string(),
      purpose: z.enum(APPROVAL_PURPOSES),
      /** `tenant/env/label` for a token, `tenant/env` for a whole environment (env). */
      target: z.string(),
      targetKind: z.enum(['token', 'environment']),
      cwd: z.string(),
      /** `/dev/pts/3`, or null for a command without a terminal (a script, an IDE task). */
      terminal: z.string().nullable(),
      pid: z.number().int(),
      /** True when main checked the process itself (Linux); false: the terminal's own claims. */
      verified: z.boolean(),
    })
    .strict();
}

function buildRequest() {
  return buildQuestion()
    .extend({
      id: z.string().min(1),
      requestedAt: z.number(),
      /** When it counts as unanswered and the command is told so (epoch ms, main's clock). */
      expiresAt: z.number(),
    })
    .strict();
}

/** The payload of `cli-approvals:changed`: every request waiting for the user, oldest first. */
export function buildCliApprovalsChanged() {
  return z.object({ pending: z.array(buildRequest()) }).strict();
}

export type CliApprovalQuestion = Readonly<z.infer<ReturnType<typeof buildQuestion>>>;
export type CliApprovalRequest = Readonly<z.infer<ReturnType<typeof buildRequest>>>;
export interface CliApprovalsChangedEvent {
  readonly pending: readonly CliApprovalRequest[];
}

export type ApprovalDecision = 'approved' | 'denied' | 'timeout';

export const answerInput = () =>
  z.object({ id: z.string().min(1).max(100), decision: z.enum(['approve', 'deny']) }).strict();
export type CliApprovalAnswer = z.infer<ReturnType<typeof answerInput>>;

function output<T>(): OutputOf<T> {
  return {};
}

/**
 * The window's two approval actions, spread into IPC_CONTRACT: the questions waiting now (for a
 * window that opens, or reloads, while one is out) and the user's answer to one.
 */
export const CLI_APPROVAL_CHANNELS = {
  'cli-approvals:pending': channel(() => z.object({}).strict(), output<readonly CliApprovalRequest[]>()),
  'cli-approval:answer': channel(answerInput, output<{ readonly settled: boolean }>()),
} as const;
