/**
 * The recovery key main showed last (a new vault, a replaced key, a restore), which main keeps
 * until it is saved or the vault locks, so the window never has to send it back: save it to a
 * file through main's save dialog (0600), or copy it through main's clipboard, which clears it
 * like a token (the clipboard setting) and at lock.
 */
import { basename } from 'node:path';
import { KeyturnError } from '../../shared/errors';
import { writePrivateFile } from '../transfer/private-file';
import { requireVault, type AppContext } from './context';
import type { HandlerBodies } from './handler';
import { forgetRecoveryKey, takeRecoveryKey } from './pending-files';
import { requireDialogs } from './window-import-handlers';

type RecoveryKeyChannels = 'recovery-key:save' | 'recovery-key:copy';

export const windowRecoveryKeyHandlers: HandlerBodies<RecoveryKeyChannels> = {
  'recovery-key:save': async (_input, context) => {
    const recoveryKey = heldRecoveryKey(context);
    const path = await requireDialogs(context).chooseFileToSave({
      title: 'Save the recovery key',
      defaultName: 'keyturn-recovery-key.txt',
      filters: [{ name: 'Text files', extensions: ['txt'] }],
    });
    if (path === null) return { saved: false };
    writePrivateFile(path, recoveryKeyText(recoveryKey, context.clock.now()));
    forgetRecoveryKey(context.session);
    requireVault(context).audit('export', null, `${caller(context)} saved the recovery key to ${basename(path)}`);
    return { saved: true, path };
  },

  'recovery-key:copy': async (_input, context) => {
    const recoveryKey = heldRecoveryKey(context);
    const { clearsAt } = await context.clipboard.copy(recoveryKey);
    requireVault(context).audit('copy', null, `${caller(context)} copied the recovery key`);
    return { clearsAt, clearAfterMs: clearsAt - context.clock.now() };
  },
};

function heldRecoveryKey(context: AppContext): string {
  const recoveryKey = takeRecoveryKey(context.session);
  if (recoveryKey === null)
    throw new KeyturnError(
      'NOT_FOUND',
      'The recovery key is no longer held (it is kept only until it is saved or the vault locks); make a new one in Settings.',
    );
  return recoveryKey;
}

function caller(context: AppContext): string {
  return context.callerName ?? 'app';
}

function recoveryKeyText(recoveryKey: string, now: number): string {
  return [
    'Keyturn recovery key',
    '',
    recoveryKey,
    '',
    `Saved ${new Date(now).toISOString().slice(0, 10)}. It opens your vault if you forget the master password.`,
    'Keep it somewhere safe and offline; anyone holding it and your vault file can open the vault.',
    '',
  ].join('\n');
}
