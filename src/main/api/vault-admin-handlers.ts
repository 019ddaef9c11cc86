/**
 * vault:summary (what the file says without a key: path, schema, counts, expiry) and
 * vault:change-password (rewraps the vault key; rows are not re-encrypted).
 */
import type { VaultSummary } from '../../shared/ipc-cli-channels';
import { DAY_MS, DEFAULT_LEAD_TIMES } from '../lifecycle/expiry';
import type { LockedSummary } from '../vault/types';
import { requireVault, vaultOpenOptions, type AppContext } from './context';
import type { HandlerBodies } from './handler';

/** Reads the summary of the open file when unlocked, else opens the file just for it. */
function withSummary<T>(context: AppContext, read: (summary: LockedSummary) => T): T {
  const session = context.session.current();
  if (session.state === 'unlocked' && session.file !== null) return read(session.file.summary());
  const file = context.vaults.openVault(context.vaultPath, vaultOpenOptions(context));
  try {
    return read(file.summary());
  } finally {
    file.close();
  }
}

export const vaultAdminHandlers: HandlerBodies<'vault:summary' | 'vault:change-password'> = {
  'vault:summary': ({ withinDays }, context) =>
    withSummary(context, (summary): VaultSummary => {
      const now = context.clock.now();
      return {
        path: summary.path,
        schemaVersion: summary.schemaVersion,
        tenantCount: summary.tenantCount,
        tokenCount: summary.tokenCount,
        // The same states as tokens:query: expired at the instant of expiry, expiring per kind.
        expired: summary.expiringBefore(now + 1),
        expiring: summary.inLeadTime(now, context.leadTimes ?? DEFAULT_LEAD_TIMES),
        expiringWithin: summary.expiringBefore(now + withinDays * DAY_MS),
        unfinished: summary.openJournals().map((head) => ({
          journalId: head.id,
          tokenId: head.tokenId,
          operation: head.operation,
          step: head.state,
          updatedAt: head.updatedAt,
          running: head.running,
        })),
      };
    }),

  // The KDF runs on the thread pool; a lock meanwhile rejects with VAULT_LOCKED, password unchanged.
  'vault:change-password': async ({ newPassword }, context) => {
    await requireVault(context).changePasswordAsync(newPassword);
    return { changed: true };
  },
};
