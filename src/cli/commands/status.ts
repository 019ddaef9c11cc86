/** `keyturn status`: what the locked file can say, no password needed. */
import { parseCommand } from '../args';
import type { Context } from '../context';
import { DAY_MS } from '../expiry';

export async function statusCommand(ctx: Context, args: string[]): Promise<void> {
  parseCommand(args, {}, { min: 0, max: 0, names: '' });
  const { openVault } = await import('../../main/vault/index');
  const file = openVault(ctx.vaultPath);
  try {
    const summary = file.summary();
    const now = Date.now();
    const status = {
      path: summary.path,
      schemaVersion: summary.schemaVersion,
      locked: true,
      tenants: summary.tenantCount,
      tokens: summary.tokenCount,
      expired: summary.expiringBefore(now),
      expiringWithin7Days: summary.expiringBefore(now + 7 * DAY_MS),
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
  } finally {
    file.close();
  }
}
