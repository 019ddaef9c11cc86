/**
 * The OS keychain via Electron's safeStorage, used to keep an extra wrap of the vault key.
 * Refused on Linux's `basic_text` backend: it "encrypts" with a hard-coded key, which would
 * leave the vault key readable by anyone who copies the file.
 */
import { KeyturnError } from '../../shared/errors';

/** Electron's safeStorage satisfies it. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export type KeychainAvailability =
  { readonly available: true } | { readonly available: false; readonly reason: string };

export interface Keychain {
  availability(): KeychainAvailability;
  seal(secret: string): Buffer;
  open(sealed: Buffer): string;
}

const INSECURE_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

export function createKeychain(storage: SafeStorageLike, platform: NodeJS.Platform): Keychain {
  const availability = (): KeychainAvailability => {
    if (!storage.isEncryptionAvailable()) return { available: false, reason: 'The OS keychain is not available' };
    if (platform === 'linux' && INSECURE_LINUX_BACKENDS.has(storage.getSelectedStorageBackend())) {
      return { available: false, reason: 'No secure keyring (GNOME Keyring or KWallet) is running' };
    }
    return { available: true };
  };
  const requireAvailable = (): void => {
    const state = availability();
    if (!state.available) throw new KeyturnError('VAULT_IO', state.reason);
  };

  return {
    availability,
    seal(secret) {
      requireAvailable();
      return storage.encryptString(secret);
    },
    open(sealed) {
      requireAvailable();
      return storage.decryptString(sealed);
    },
  };
}
