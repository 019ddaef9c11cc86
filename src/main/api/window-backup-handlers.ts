/**
 * The window's encrypted backups and the recovery key's file, over the CLI's backup core
 * (api/backup.ts): save a backup (master password re-checked in main, a passphrase of its own),
 * choose a backup file, look inside it with its passphrase, and restore it into a new vault (no
 * vault yet) or in place of the current one (password re-checked, and the user's confirmation must
 * name what goes). A restore builds the new vault file beside the old one and moves it into place
 * only when it is complete: a wrong passphrase, a damaged backup or any failure changes nothing.
 * The replaced file is kept, renamed, so nothing is lost for good.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { KeyturnError } from '../../shared/errors';
import { writePrivateFile } from '../transfer/private-file';
import type { BackupPayload } from './backup';
import { countBackup, countVault, describeCounts, restoreAsNewFile } from './backup-restore';
import { requireVault, type AppContext } from './context';
import type { HandlerBodies } from './handler';
import { keepFile, pendingFile } from './pending-files';
import { readTextFile, requireDialogs } from './window-import-handlers';

type BackupChannels = 'backup:save' | 'backup:choose' | 'backup:inspect' | 'backup:restore-new' | 'backup:replace';

const MAX_BACKUP_BYTES = 512 * 1024 * 1024;
const BACKUP_FILTERS = [{ name: 'Keyturn backups', extensions: ['keyturn-backup'] }];

export const windowBackupHandlers: HandlerBodies<BackupChannels> = {
  'backup:save': async ({ currentPassword, passphrase }, context) => {
    const vault = requireVault(context);
    await vault.verifyPasswordAsync(currentPassword);
    if (passphrase === currentPassword)
      throw new KeyturnError(
        'INVALID_INPUT',
        'Choose a backup passphrase different from your master password; nothing was saved.',
      );
    const date = new Date(context.clock.now()).toISOString().slice(0, 10);
    const path = await requireDialogs(context).chooseFileToSave({
      title: 'Save an encrypted backup of the vault',
      defaultName: `keyturn-${date}.keyturn-backup`,
      filters: BACKUP_FILTERS,
    });
    if (path === null) return { saved: false };
    const { buildBackup, sealBackup } = await import('./backup');
    const payload = buildBackup(requireVault(context), context.clock.now());
    writePrivateFile(path, sealBackup(payload, passphrase));
    const counts = countBackup(payload);
    vault.audit(
      'export',
      null,
      `${context.callerName ?? 'app'} encrypted backup of ${counts.tokens} tokens to ${basename(path)}`,
    );
    return { saved: true, path, tenants: counts.tenants, tokens: counts.tokens };
  },

  'backup:choose': async (_input, context) => {
    const path = await requireDialogs(context).chooseFileToOpen({
      title: 'Choose a Keyturn backup',
      filters: BACKUP_FILTERS,
    });
    if (path === null) return { chosen: false };
    const text = readTextFile(path, MAX_BACKUP_BYTES);
    const handle = keepFile(context.session, { kind: 'backup', fileName: basename(path), text });
    return { chosen: true, handle, fileName: basename(path), bytes: Buffer.byteLength(text) };
  },

  'backup:inspect': async ({ handle, passphrase }, context) => {
    const payload = await openChosen(context, handle, passphrase);
    const session = context.session.current();
    return {
      createdAt: payload.createdAt,
      backup: countBackup(payload),
      current: session.state === 'unlocked' ? countVault(session.vault) : null,
    };
  },

  'backup:restore-new': async ({ handle, passphrase, newPassword }, context) => {
    if (existsSync(context.vaultPath))
      throw new KeyturnError(
        'INVALID_INPUT',
        'A vault exists already; unlock it and replace it from the backup instead. Nothing was restored.',
      );
    const payload = await openChosen(context, handle, passphrase);
    return restoreAsNewFile(context, payload, newPassword, null);
  },

  'backup:replace': async ({ handle, passphrase, currentPassword, replacing }, context) => {
    const vault = requireVault(context);
    await vault.verifyPasswordAsync(currentPassword);
    const now = countVault(vault);
    if (
      now.tenants !== replacing.tenants ||
      now.environments !== replacing.environments ||
      now.tokens !== replacing.tokens
    )
      throw new KeyturnError(
        'INVALID_INPUT',
        `The vault changed since you confirmed: it now holds ${describeCounts(now)}. Nothing was replaced; confirm again.`,
      );
    // A rotation half-way holds a key only this vault knows: replacing it could lose the working secret.
    const open = vault.listJournal({ unfinishedOnly: true }).length;
    if (open > 0)
      throw new KeyturnError(
        'ROTATION_IN_PROGRESS',
        `${open === 1 ? 'A rotation is' : `${open} rotations are`} still open in this vault; let ${open === 1 ? 'it' : 'them'} finish (Pending work) before replacing the vault. Nothing was replaced.`,
      );
    const payload = await openChosen(context, handle, passphrase);
    return restoreAsNewFile(
      context,
      payload,
      currentPassword,
      `${context.vaultPath}.before-restore-${context.clock.now()}`,
    );
  },
};

async function openChosen(context: AppContext, handle: string, passphrase: string): Promise<BackupPayload> {
  const { text } = pendingFile(context.session, handle, 'backup');
  const { openBackup } = await import('./backup');
  return openBackup(text, passphrase);
}
