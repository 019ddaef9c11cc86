/**
 * Before a command uses a token's value (get, copy, run, env, export, verify), what earlier runs
 * left open on it is finished: a rotation killed half-way would otherwise hand out a value about to
 * be revoked. Free when nothing is open (one indexed lookup, nothing loaded); when something is and
 * it cannot be finished now (provider down, another process on it), the value is still handed out
 * and the caller is told why on the notifier.
 */
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
    const why = cause instanceof Error ? cause.message : 'unknown error';
    context.notifier.notify(
      'Unfinished work',
      `“${token.label}”: what was left open could not be finished now (${why})`,
    );
  }
  return vault.getToken(token.id);
}
