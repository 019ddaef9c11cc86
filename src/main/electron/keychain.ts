/**
 * The OS keychain via Electron's safeStorage, used to keep an extra wrap of the vault key.
 * Refused on Linux's `basic_text` backend: it "encrypts" with a hard-coded key, which would
 * leave the vault key readable by anyone who copies the file.
 *
 * Only safeStorage's asynchronous API is used: Electron 45 deprecates isEncryptionAvailable,
 * encryptString and decryptString in favour of the *Async forms.
 */
import { KeyturnError } from '../../shared/errors';

/** Electron's safeStorage satisfies it (the non-deprecated part). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  getSelectedStorageBackend(): string;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ readonly result: string; readonly shouldReEncrypt: boolean }>;
}

export type KeychainAvailability =
  { readonly available: true } | { readonly available: false; readonly reason: string };

export interface OpenedSecret {
  readonly secret: string;
  /** The OS rotated its key (or offers a stronger one): seal the secret again and store that. */
  readonly shouldReseal: boolean;
}

export interface Keychain {
  availability(): Promise<KeychainAvailability>;
  seal(secret: string): Promise<Buffer>;
  open(sealed: Buffer): Promise<OpenedSecret>;
}

const INSECURE_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

export function createKeychain(storage: SafeStorageLike, platform: NodeJS.Platform): Keychain {
  const availability = async (): Promise<KeychainAvailability> => {
    if (!(await storage.isAsyncEncryptionAvailable())) {
      return { available: false, reason: 'The OS keychain is not available' };
    }
    if (platform === 'linux' && INSECURE_LINUX_BACKENDS.has(storage.getSelectedStorageBackend())) {
      return { available: false, reason: 'No secure keyring (GNOME Keyring or KWallet) is running' };
    }
    return { available: true };
  };
  const requireAvailable = async (): Promise<void> => {
    const state = await availability();
    if (!state.available) throw new KeyturnError('VAULT_IO', state.reason);
  };

  return {
    availability,
    async seal(secret) {
      await requireAvailable();
      return storage.encryptStringAsync(secret);
    },
    async open(sealed) {
      await requireAvailable();
      const { result, shouldReEncrypt } = await storage.decryptStringAsync(sealed);
      return { secret: result, shouldReseal: shouldReEncrypt };
    },
  };
}
