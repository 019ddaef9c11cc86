/**
 * A safeStorage stand-in: reversible "encryption" and a settable backend and availability.
 * Only the asynchronous API is offered; the sync one Electron 45 deprecates throws if called.
 */
import type { SafeStorageLike } from '../../src/main/electron/keychain';

export class FakeSafeStorage implements SafeStorageLike {
  /** What the next decrypt reports as shouldReEncrypt (the OS rotated its key). */
  rotated = false;
  sealCount = 0;

  constructor(
    public backend = 'gnome_libsecret',
    public isAvailable = true,
  ) {}

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.isAvailable;
  }

  getSelectedStorageBackend(): string {
    return this.backend;
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.sealCount += 1;
    return Buffer.from(`sealed:${Buffer.from(plainText).toString('base64')}`);
  }

  async decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    const result = Buffer.from(encrypted.toString().replace(/^sealed:/, ''), 'base64').toString();
    return { result, shouldReEncrypt: this.rotated };
  }

  isEncryptionAvailable(): never {
    throw new Error('safeStorage.isEncryptionAvailable is deprecated in Electron 45');
  }

  encryptString(): never {
    throw new Error('safeStorage.encryptString is deprecated in Electron 45');
  }

  decryptString(): never {
    throw new Error('safeStorage.decryptString is deprecated in Electron 45');
  }
}
