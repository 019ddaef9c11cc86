/**
 * vault:* — status, create, unlock, lock. Wrong passwords are one clear error with no hint.
 * Create and unlock run Argon2id on the thread pool (the async vault variants): in Electron these
 * handlers run on the main process's event loop, which must not freeze for the ~0.5 s KDF.
 */
import { existsSync } from 'node:fs';
import type { VaultStatus } from '../../shared/ipc';
import { expiresWithin } from '../lifecycle/expiry';
import { vaultOpenOptions, type AppContext } from './context';
import type { HandlerBodies } from './handler';

const SOON_MS = 24 * 60 * 60 * 1000;

type VaultChannels = 'vault:status' | 'vault:create' | 'vault:unlock' | 'vault:lock';

export const vaultHandlers: HandlerBodies<VaultChannels> = {
  'vault:status': (_input, context) => readStatus(context),

  'vault:create': async ({ password, kdf }, context) => {
    const options = { ...kdfOptions(context), ...(kdf === undefined ? {} : { kdf }) };
    const { vault, recoveryKey } = await context.vaults.createVaultAsync(context.vaultPath, password, options);
    context.session.unlocked(vault, null);
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

/** Counts only: works locked (plaintext columns) and unlocked (in-memory metadata). */
export function readStatus(context: AppContext): VaultStatus {
  const session = context.session.current();
  const now = context.clock.now();
  // Counted from the file's plaintext columns when it is open: unlocking must not decrypt every
  // token's metadata (a `keyturn get` stays constant in vault size).
  if (session.state === 'unlocked' && session.file !== null) {
    const summary = session.file.summary();
    return {
      state: 'unlocked',
      tokenCount: summary.tokenCount,
      expiringSoon: summary.expiringBefore(now + SOON_MS + 1),
    };
  }
  if (session.state === 'unlocked') {
    const tokens = session.vault.listTokens();
    const expiringSoon = tokens.filter((token) => expiresWithin(token, now, SOON_MS)).length;
    return { state: 'unlocked', tokenCount: tokens.length, expiringSoon };
  }
  if (!existsSync(context.vaultPath)) return { state: 'missing' };
  const file = context.vaults.openVault(context.vaultPath, vaultOpenOptions(context));
  try {
    const summary = file.summary();
    return { state: 'locked', tokenCount: summary.tokenCount, expiringSoon: summary.expiringBefore(now + SOON_MS) };
  } finally {
    file.close();
  }
}

function kdfOptions(context: AppContext): { policy?: NonNullable<AppContext['kdfPolicy']> } {
  return context.kdfPolicy === undefined ? {} : { policy: context.kdfPolicy };
}
