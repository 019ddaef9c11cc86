/**
 * Before a command uses a token's value (get, copy, run, env, export, verify), what earlier runs
 * left open on it is finished: a rotation killed half-way would otherwise hand out a value about to
 * be revoked. Free when nothing is open (one indexed lookup, nothing loaded); when something is and
 * it cannot be finished now (provider down, another process on it), the value is still handed out
 * and the caller is told why on the notifier.
 */
import { toErrorData } from '../../shared/errors';
import type { TokenView } from '../../shared/model';
import type { Vault } from '../vault/types';
import type { AppContext } from './context';

export async function settleBeforeUse(context: AppContext, vault: Vault, token: TokenView): Promise<TokenView> {
  if (!vault.hasOpenJournal(token.id)) return token;
  const { lifecycleDeps, describeOutcome } = await import('./lifecycle-run');
  const { settleToken, stillOpen } = await import('../lifecycle/settle');
  try {
    const settled = await settleToken(vault, token.id, await lifecycleDeps(context, vault), 'value');
    const open = stillOpen(settled);
    if (open !== null) {
      const why = describeOutcome(vault, open.outcome) ?? open.outcome.status;
      context.notifier.notify(`Unfinished ${open.operation}`, `“${token.label}”: ${why}`);
    }
  } catch (cause) {
    context.notifier.notify('Unfinished work', unfinishedWorkNotice(token.label, cause));
  }
  return vault.getToken(token.id);
}

/**
 * Why settling failed, for the user: a KeyturnError's sentence (a damaged journal entry, a busy
 * vault), else only that Keyturn failed. Another error's own message (a library's, a schema's
 * issue list) is not a sentence meant for a person and may quote anything it was given.
 */
export function unfinishedWorkNotice(label: string, cause: unknown): string {
  return `“${label}”: what was left open could not be finished now (${toErrorData(cause).message})`;
}
