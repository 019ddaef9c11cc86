/**
 * A restore as a whole new vault file (api/window-backup-handlers.ts): built beside the vault from
 * the backup, moved into place only when complete (the replaced file kept, renamed), then unlocked.
 * Any failure before the move leaves the vault file as it was and no half-built file behind.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import type { RestoredVault, VaultCounts } from '../../shared/ipc-window-transfer-channels';
import type { Vault } from '../vault/types';
import type { BackupPayload } from './backup';
import { vaultOpenOptions, type AppContext } from './context';
import { keepRecoveryKey } from './pending-files';
import { kdfOptions, readStatus } from './vault-status';

/**
 * Builds the vault from the backup in a file beside the vault's, then (only if that worked) moves
 * the current file aside (`keepAs`) and the new one into place, and unlocks it.
 */
export async function restoreAsNewFile(
  context: AppContext,
  payload: BackupPayload,
  password: string,
  keepAs: string | null,
): Promise<RestoredVault> {
  const building = `${context.vaultPath}.restoring-${context.clock.now()}`;
  const { restoreBackup } = await import('./backup');
  let recoveryKey: string;
  let restored: ReturnType<typeof restoreBackup>;
  try {
    const made = await context.vaults.createVaultAsync(building, password, kdfOptions(context));
    recoveryKey = made.recoveryKey;
    try {
      restored = restoreBackup(made.vault, payload, () => undefined);
      made.vault.audit(
        'import',
        null,
        `${context.callerName ?? 'app'} restore of ${restored.tokens} tokens from a backup`,
      );
    } finally {
      made.vault.lock();
      // Closing the only connection checkpoints the WAL into the file, so the file alone is the vault.
      made.file.close();
    }
  } catch (cause) {
    removeVaultFiles(building);
    throw cause;
  }
  if (keepAs !== null) {
    context.session.lock('user');
    // A side file left by another process (a `keyturn` command still open) goes along with its database.
    for (const suffix of ['', '-wal', '-shm'])
      if (existsSync(`${context.vaultPath}${suffix}`))
        renameSync(`${context.vaultPath}${suffix}`, `${keepAs}${suffix}`);
  }
  try {
    renameSync(building, context.vaultPath);
  } catch (cause) {
    if (keepAs !== null) renameSync(keepAs, context.vaultPath);
    removeVaultFiles(building);
    throw cause;
  }
  removeVaultFiles(building);
  const file = context.vaults.openVault(context.vaultPath, vaultOpenOptions(context));
  try {
    context.session.unlocked(await file.unlockAsync(password), file);
  } catch (cause) {
    file.close();
    throw cause;
  }
  keepRecoveryKey(context.session, recoveryKey);
  return { status: readStatus(context), restored, recoveryKey, previousFile: keepAs };
}

/** A vault file being built, and SQLite's side files of it. */
function removeVaultFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

export function countBackup(payload: BackupPayload): VaultCounts {
  const environments = payload.tenants.flatMap((t) => t.environments);
  return {
    tenants: payload.tenants.length,
    environments: environments.length,
    tokens: environments.reduce((n, e) => n + e.tokens.length, 0),
  };
}

export function countVault(vault: Vault): VaultCounts {
  return {
    tenants: vault.listTenants().length,
    environments: vault.listEnvironments().length,
    tokens: vault.listTokens().filter((t) => !t.revoked).length,
  };
}

export function describeCounts(counts: VaultCounts): string {
  return `${counts.tenants} tenants, ${counts.environments} environments and ${counts.tokens} tokens`;
}
