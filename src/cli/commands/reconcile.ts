/**
 * `keyturn reconcile`: what the app does after each unlock. Every unfinished journal entry is
 * resumed from its last committed step (or discarded: a `create` nobody waits for), keys the
 * provider made for this vault but whose secret never reached it are revoked, and entries another
 * live process holds are left alone. Exit 5 while anything stays unfinished.
 */
import { withApi } from '../api';
import { parseCommand } from '../args';
import type { Context } from '../context';
import { EXIT } from '../exit-codes';
import { describeReconciled } from './journal-lines';

export async function reconcileCommand(ctx: Context, args: string[]): Promise<number> {
  parseCommand(args, {}, { min: 0, max: 0, names: '' });
  return withApi(ctx, async (api) => {
    const result = await api.call('journals:reconcile', {});
    ctx.out.data(result, () =>
      [
        ...result.entries.map(describeReconciled),
        ...result.errors.map((error) => `could not finish: ${error.message}`),
        `Orphan keys revoked: ${result.orphansRevoked}; refused by the provider: ${result.revokeFailed}`,
        result.unfinished === 0 ? 'Nothing left unfinished.' : `Still unfinished: ${result.unfinished}`,
      ].join('\n'),
    );
    return result.unfinished > 0 || result.errors.length > 0 ? EXIT.provider : EXIT.ok;
  });
}
