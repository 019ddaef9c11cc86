/**
 * `keyturn status`: what the locked file can say, no password needed, including the lifecycle
 * entries left unfinished (names are sealed, so they are told by operation, step and journal id;
 * `keyturn reconcile` finishes them and names each token).
 */
import { withLockedApi } from '../api';
import { parseCommand } from '../args';
import type { Context } from '../context';
import { describeUnfinished } from './journal-lines';

export async function statusCommand(ctx: Context, args: string[]): Promise<void> {
  parseCommand(args, {}, { min: 0, max: 0, names: '' });
  const summary = await withLockedApi(ctx, (api) => api.call('vault:summary', { withinDays: 7 }));
  const status = {
    path: summary.path,
    schemaVersion: summary.schemaVersion,
    locked: true as const,
    tenants: summary.tenantCount,
    tokens: summary.tokenCount,
    expired: summary.expired,
    expiringWithin7Days: summary.expiringWithin,
    unfinished: summary.unfinished,
  };
  const now = Date.now();
  ctx.out.data(status, () =>
    [
      `Vault:     ${status.path} (schema ${status.schemaVersion})`,
      'State:     locked (the CLI unlocks per command)',
      `Tenants:   ${status.tenants}`,
      `Tokens:    ${status.tokens}`,
      `Expiring:  ${status.expiringWithin7Days} within 7 days (${status.expired} already expired)`,
      status.unfinished.length === 0
        ? 'Unfinished: none'
        : `Unfinished: ${status.unfinished.length} (keyturn reconcile finishes them)`,
      ...status.unfinished.map((entry) => describeUnfinished(entry, now)),
    ].join('\n'),
  );
}
