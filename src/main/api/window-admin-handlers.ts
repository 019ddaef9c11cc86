/**
 * The window's protection changes, settings and audit viewer, and the unlock by recovery key.
 * Every protection change first checks the current master password in main (Vault.verifyPasswordAsync,
 * the KDF off the event loop): a wrong one changes nothing and is audited as a failed unlock.
 */
import { KeyturnError } from '../../shared/errors';
import { queryAudit, verdictInWords } from './audit-query';
import { keepRecoveryKey } from './pending-files';
import { requireVault, vaultOpenOptions } from './context';
import type { HandlerBodies } from './handler';
import { readStatus } from './vault-status';
import { writeSettings } from './settings-write';
import { readSettings } from './window-settings';

type WindowAdminChannels =
  | 'vault:recover'
  | 'password:change'
  | 'recovery-key:replace'
  | 'device-unlock:set'
  | 'settings:get'
  | 'settings:set'
  | 'audit:query'
  | 'audit:verdict';

export const windowAdminHandlers: HandlerBodies<WindowAdminChannels> = {
  // Forgot the password: the recovery key unlocks, and the new master password replaces the old one.
  'vault:recover': async ({ recoveryKey, newPassword }, context) => {
    const file = context.vaults.openVault(context.vaultPath, vaultOpenOptions(context));
    try {
      const vault = file.unlockWithRecoveryKey(recoveryKey);
      await vault.changePasswordAsync(newPassword);
      context.session.unlocked(vault, file);
    } catch (cause) {
      file.close();
      throw cause;
    }
    return readStatus(context);
  },

  'password:change': async ({ currentPassword, newPassword }, context) => {
    const vault = requireVault(context);
    await vault.verifyPasswordAsync(currentPassword);
    await vault.changePasswordAsync(newPassword);
    return { changed: true };
  },

  'recovery-key:replace': async ({ currentPassword }, context) => {
    const vault = requireVault(context);
    await vault.verifyPasswordAsync(currentPassword);
    const recoveryKey = vault.replaceRecoveryKey();
    keepRecoveryKey(context.session, recoveryKey);
    return { recoveryKey };
  },

  'device-unlock:set': async (input, context) => {
    const vault = requireVault(context);
    const port = context.deviceUnlock;
    if (port === undefined)
      throw new KeyturnError('PROVIDER_UNSUPPORTED', 'Device unlock is not available in this copy of Keyturn.');
    if (input.enabled) {
      await vault.verifyPasswordAsync(input.currentPassword);
      await port.enable(vault);
    } else {
      port.disable(vault);
    }
    return { deviceUnlock: await port.state(vault) };
  },

  'settings:get': (_input, context) => readSettings(requireVault(context), context),

  'settings:set': (patch, context) => {
    const vault = requireVault(context);
    writeSettings(vault, patch, context.settingsEffects);
    return readSettings(vault, context);
  },

  'audit:query': (query, context) => queryAudit(requireVault(context), query),
  'audit:verdict': (_input, context) => verdictInWords(requireVault(context).verifyAudit()),
};
