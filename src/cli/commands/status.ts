/**
 * `keyturn status`: what the locked file can say, no password needed. Its expiring and expired
 * counts are the `ls` states of the same names (per-kind lead times), not a separate rule; it also
 * lists the lifecycle entries left unfinished (names are sealed, so they are told by operation, step
 * and journal id; `keyturn reconcile` finishes them and names each token).
 */
import { assertVaultExists, withLockedApi } from '../api';
import { parseCommand } from '../args';
import type { Context } from '../context';
import { describeUnfinished } from './journal-lines';

export async function statusCommand(ctx: Context, args: string[]): Promise<void> {
  parseCommand(args, {}, { min: 0, max: 0, names: '' });
  assertVaultExists(ctx);
  const summary = await withLockedApi(ctx, (api) => api.call('vault:summary', {}));
  const status = {
    path: summary.path,
    schemaVersion: summary.schemaVersion,
    locked: true as const,
    tenants: summary.tenantCount,
    tokens: summary.tokenCount,
    expiring: summary.expiring,
    expired: summary.expired,
    unfinished: summary.unfinished,
  };
  const now = Date.now();
  ctx.out.data(status, () =>
    [
      `Vault:     ${status.path} (schema ${status.schemaVersion})`,
      'State:     locked (the CLI unlocks per command)',
      `Tenants:   ${status.tenants}`,
      `Tokens:    ${status.tokens}`,
      `Expiring:  ${status.expiring} (within their kind's warning time, as keyturn ls --status expiring lists them)`,
      `Expired:   ${status.expired}`,
      status.unfinished.length === 0
        ? 'Unfinished: none'
        : `Unfinished: ${status.unfinished.length} (keyturn reconcile finishes them)`,
      ...status.unfinished.map((entry) => describeUnfinished(entry, now)),
    ].join('\n'),
  );
}
