/**
 * vault:* — status, create, unlock, lock. Wrong passwords are one clear error with no hint.
 * Create and unlock run Argon2id on the thread pool (the async vault variants): in Electron these
 * handlers run on the main process's event loop, which must not freeze for the ~0.5 s KDF.
 */
import { vaultOpenOptions } from './context';
import type { HandlerBodies } from './handler';
import { keepRecoveryKey } from './pending-files';
import { warmForUnlockSoon } from './unlock-warm-up';
import { kdfOptions, readStatus } from './vault-status';

type VaultChannels = 'vault:status' | 'vault:create' | 'vault:unlock' | 'vault:lock';

export const vaultHandlers: HandlerBodies<VaultChannels> = {
  'vault:status': (_input, context) => {
    const status = readStatus(context);
    if (status.state === 'locked') warmForUnlockSoon(context);
    return status;
  },

  'vault:create': async ({ password, kdf }, context) => {
    const options = { ...kdfOptions(context), ...(kdf === undefined ? {} : { kdf }) };
    const { vault, recoveryKey, file } = await context.vaults.createVaultAsync(context.vaultPath, password, options);
    // With its file, so the lock closes the database too (a restore may move the file later).
    context.session.unlocked(vault, file);
    // Kept in main for one save to a file (recovery-key:save), so the window need not send it back.
    keepRecoveryKey(context.session, recoveryKey);
    return { status: readStatus(context), recoveryKey };
  },

  'vault:unlock': async ({ password }, context) => {
    const file = context.vaults.openVault(context.vaultPath, vaultOpenOptions(context));
    try {
      context.session.unlocked(await file.unlockAsync(password), file);
    } catch (cause) {
      file.close();
      throw cause;
    }
    return readStatus(context);
  },

  'vault:lock': (_input, context) => {
    context.session.lock('user');
    return readStatus(context);
  },
};
