/**
 * One call from an identified client: judged (call-policy.ts), admitted by the user's approval
 * (approval-gate.ts), then answered by the same handler the rest of the app uses, with the
 * client's description in the audit entry of every value handed out.
 */
import { APP_LINK_VERSION, MAX_APP_FRAME_BYTES, type AppFrame, type CallFrame } from '../../shared/app-link-protocol';
import type { ApprovalDecision, CliApprovalQuestion } from '../../shared/cli-approval';
import { err, type ErrorData, type Result } from '../../shared/errors';
import { API_BODIES } from '../api/bodies';
import { requireVault, type AppContext } from '../api/context';
import { makeHandler } from '../api/handler';
import type { ApprovalGate, Admission } from './approval-gate';
import { judgeCall } from './call-policy';
import { describeClient, type ClientIdentity } from './client-identity';

export interface ServeDeps {
  readonly context: AppContext;
  readonly gate: ApprovalGate;
}

/** What a locked app says, at a hello or to a command waiting when the lock came. */
export const LOCKED_ERROR: ErrorData = {
  code: 'VAULT_LOCKED',
  message: 'Keyturn is locked: unlock Keyturn, or run with --no-app',
};

const REFUSALS: Readonly<Record<Exclude<Admission, 'approved'>, ErrorData>> = {
  denied: {
    code: 'APPROVAL_DENIED',
    message: 'Keyturn denied this terminal; approve it in the app, or run with --no-app',
  },
  timeout: {
    code: 'APPROVAL_TIMEOUT',
    message: "Nobody answered Keyturn's approval prompt in time; approve it in the app, or run with --no-app",
  },
  busy: {
    code: 'APP_BUSY',
    message: 'Keyturn is already asking about other terminals; answer those first, or run with --no-app',
  },
  withdrawn: LOCKED_ERROR,
};

function answer(id: number, result: Result<unknown>): AppFrame {
  return { v: APP_LINK_VERSION, kind: 'answer', id, result };
}

export async function serveCall(deps: ServeDeps, client: ClientIdentity, call: CallFrame): Promise<AppFrame> {
  const verdict = judgeCall(call.channel, call.input);
  if (!verdict.ok) return answer(call.id, err('INVALID_INPUT', verdict.message));
  const question: CliApprovalQuestion = {
    ...verdict.target,
    command: client.command,
    cwd: client.cwd,
    terminal: client.terminal,
    pid: client.pid,
    verified: client.verified,
  };
  const admission = await deps.gate.admit(client.sessionKey, question);
  if (admission !== 'approved') return answer(call.id, { ok: false, error: REFUSALS[admission] });
  const context = { ...deps.context, callerName: `CLI via the app (${describeClient(client)})` };
  const result = await makeHandler(call.channel, API_BODIES[call.channel], context)(call.input);
  const frame = answer(call.id, result);
  // The client would refuse a frame this large; say so instead of sending it.
  if (Buffer.byteLength(JSON.stringify(frame), 'utf8') > MAX_APP_FRAME_BYTES - 1024)
    return answer(call.id, err('INVALID_INPUT', 'The answer is too large for the app link; run with --no-app'));
  return frame;
}

/** Each decision goes to the audit log with what was asked and from where. */
export function recordApproval(context: AppContext, decision: ApprovalDecision, question: CliApprovalQuestion): void {
  const vault = requireVault(context);
  const what = `${question.command} ${question.target}`;
  const where = `${question.terminal ?? 'no terminal'}, pid ${question.pid}, cwd ${question.cwd.slice(0, 500)}`;
  const checked = question.verified ? '' : ', as the client says';
  const said = decision === 'timeout' ? 'unanswered' : decision;
  vault.audit('cli-approval', null, `${said}: keyturn ${what} (${where}${checked})`);
}
