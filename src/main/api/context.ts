/**
 * Everything a handler may touch: the vault file's location and entry points, the session,
 * and the OS ports. Built once by the composition root (or a test, or the CLI).
 */
import { KeyturnError } from '../../shared/errors';
import type { LeadTimes } from '../lifecycle/expiry';
import type { CreateVaultOptions, KdfPolicy, OpenVaultOptions, Vault, VaultFile } from '../vault/types';
import type { DeviceUnlockPort } from './device-unlock-port';
import type { FileDialogs } from './file-dialogs';
import type { WindowEvents } from './event-hub';
import type { CliApprovalPort, Clock, Notifier, SecretClipboard } from './ports';
import type { ProgressPort } from './progress';
import type { SettingsEffects } from './settings-effects';
import type { SessionState } from './session-state';

/** The vault's entry points (src/main/vault/index.ts), injected so api/ stays a caller. */
export interface VaultEntryPoints {
  /** vault:create: calibration and the KDF off the event loop (Electron's main process). */
  createVaultAsync(
    path: string,
    password: string,
    options?: CreateVaultOptions,
  ): Promise<{ vault: Vault; recoveryKey: string; file: VaultFile }>;
  openVault(path: string, options?: OpenVaultOptions): VaultFile;
}

export interface AppContext {
  readonly vaultPath: string;
  readonly vaults: VaultEntryPoints;
  /** Omitted in production (the vault's own PRODUCTION_KDF_POLICY); tests pass a cheap one. */
  readonly kdfPolicy?: KdfPolicy;
  readonly session: SessionState;
  readonly clock: Clock;
  readonly clipboard: SecretClipboard;
  readonly notifier: Notifier;
  readonly leadTimes?: LeadTimes;
  /** Where long work reports its steps (the CLI on a terminal); omitted means nobody listens. */
  readonly progress?: ProgressPort;
  /** Names the caller in audit details ("CLI get"); omitted means the app. */
  readonly callerName?: string;
  /** Where the window's events go (lifecycle progress, vault changes); omitted: nobody listens (the CLI). */
  readonly events?: WindowEvents;
  /** The OS keychain behind device unlock; omitted: device unlock is unavailable here. */
  readonly deviceUnlock?: DeviceUnlockPort;
  /** Main's native open and save dialogs (import, export, backups); omitted: none here (the CLI). */
  readonly fileDialogs?: FileDialogs;
  /** Theme and global shortcut, applied when settings change; omitted: nothing outside the vault (the CLI). */
  readonly settingsEffects?: SettingsEffects;
  /** Terminals waiting for the user's approval (the app link); omitted: none ever wait (the CLI). */
  readonly cliApprovals?: CliApprovalPort;
}

/** The unlocked vault, or VAULT_LOCKED. */
export function requireVault(context: AppContext): Vault {
  const session = context.session.current();
  if (session.state === 'locked') throw new KeyturnError('VAULT_LOCKED', 'The vault is locked');
  return session.vault;
}

/** How handlers open the vault file: the context's KDF policy, and notices told to the user. */
export function vaultOpenOptions(context: AppContext): OpenVaultOptions {
  const onNotice = (message: string): void => context.notifier.notify('Vault file', message);
  return context.kdfPolicy === undefined ? { onNotice } : { policy: context.kdfPolicy, onNotice };
}
