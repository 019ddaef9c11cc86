/**
 * Which calls the app link serves, and what the approval prompt says about one. Pure: a call's
 * input is parsed with its channel's own contract schema, then only `get`/`run` of one token and
 * `env` of one environment pass. Everything else (exports, copies, any other channel) is refused
 * before anyone is asked: those commands unlock the vault themselves.
 */
import type { CliApprovalQuestion } from '../../shared/cli-approval';
import type { AppLinkChannel } from '../../shared/app-link-protocol';
import { IPC_CONTRACT, type ParsedInput } from '../../shared/ipc';

export type CallTarget = Pick<CliApprovalQuestion, 'purpose' | 'target' | 'targetKind'>;

export type CallVerdict =
  { readonly ok: true; readonly target: CallTarget } | { readonly ok: false; readonly message: string };

type TokenSelector = ParsedInput<'token:secret'>['token'];

function selectorText(token: TokenSelector): string {
  if ('tokenId' in token) return `token id ${token.tokenId}`;
  return `${token.ref.tenant}/${token.ref.environment}/${token.ref.label}`;
}

export function judgeCall(channel: AppLinkChannel, input: unknown): CallVerdict {
  if (channel === 'token:secret') {
    const parsed = IPC_CONTRACT['token:secret'].input.safeParse(input);
    if (!parsed.success) return { ok: false, message: 'Invalid input for token:secret' };
    const { purpose, token } = parsed.data;
    if (purpose !== 'get' && purpose !== 'run')
      return { ok: false, message: 'Through the app, keyturn can get, run and env only; use --no-app for this' };
    return { ok: true, target: { purpose, target: selectorText(token), targetKind: 'token' } };
  }
  const parsed = IPC_CONTRACT['environment:secrets'].input.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'Invalid input for environment:secrets' };
  const { tenant, environment, purpose } = parsed.data;
  if (purpose !== 'env')
    return { ok: false, message: 'Through the app, keyturn can get, run and env only; use --no-app for this' };
  return { ok: true, target: { purpose, target: `${tenant}/${environment}`, targetKind: 'environment' } };
}
