/** `keyturn status`: what the locked file can say, no password needed. */
import { assertVaultExists, withLockedApi } from '../api';
import { parseCommand } from '../args';
import type { Context } from '../context';

export async function statusCommand(ctx: Context, args: string[]): Promise<void> {
  parseCommand(args, {}, { min: 0, max: 0, names: '' });
  assertVaultExists(ctx);
  const summary = await withLockedApi(ctx, (api) => api.call('vault:summary', { withinDays: 7 }));
  const status = {
    path: summary.path,
    schemaVersion: summary.schemaVersion,
    locked: true as const,
    tenants: summary.tenantCount,
    tokens: summary.tokenCount,
    expired: summary.expired,
    expiringWithin7Days: summary.expiringWithin,
  };
  ctx.out.data(status, () =>
    [
      `Vault:     ${status.path} (schema ${status.schemaVersion})`,
      'State:     locked (the CLI unlocks per command)',
      `Tenants:   ${status.tenants}`,
      `Tokens:    ${status.tokens}`,
      `Expiring:  ${status.expiringWithin7Days} within 7 days (${status.expired} already expired)`,
    ].join('\n'),
  );
}
