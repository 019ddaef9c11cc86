/** A safeStorage stand-in: reversible "encryption" and a settable backend and availability. */
import type { SafeStorageLike } from '../../src/main/electron/keychain';

export class FakeSafeStorage implements SafeStorageLike {
  constructor(
    public backend = 'gnome_libsecret',
    public isAvailable = true,
  ) {}

  isEncryptionAvailable(): boolean {
    return this.isAvailable;
  }

  getSelectedStorageBackend(): string {
    return this.backend;
  }

  encryptString(plainText: string): Buffer {
    return Buffer.from(`sealed:${Buffer.from(plainText).toString('base64')}`);
  }

  decryptString(encrypted: Buffer): string {
    return Buffer.from(encrypted.toString().replace(/^sealed:/, ''), 'base64').toString();
  }
}
