import { describe, expect, it } from 'vitest';
import { createKeychain } from '../../../src/main/electron/keychain';
import { FakeSafeStorage } from '../../support/fake-keychain';

describe('keychain', () => {
  it("seals and opens through safeStorage's asynchronous API only (Electron 45 deprecates the sync one)", async () => {
    // The fake throws if isEncryptionAvailable, encryptString or decryptString is called.
    const keychain = createKeychain(new FakeSafeStorage(), 'linux');
    await expect(keychain.availability()).resolves.toEqual({ available: true });
    await expect(keychain.open(await keychain.seal('vault-key'))).resolves.toEqual({
      secret: 'vault-key',
      shouldReseal: false,
    });
  });

  it('passes on that the OS rotated its key, so the caller can seal again', async () => {
    const storage = new FakeSafeStorage();
    const keychain = createKeychain(storage, 'linux');
    const sealed = await keychain.seal('vault-key');
    storage.rotated = true;
    await expect(keychain.open(sealed)).resolves.toEqual({ secret: 'vault-key', shouldReseal: true });
  });

  it("refuses Linux's basic_text backend", async () => {
    const keychain = createKeychain(new FakeSafeStorage('basic_text'), 'linux');
    expect((await keychain.availability()).available).toBe(false);
    await expect(keychain.seal('vault-key')).rejects.toMatchObject({ code: 'VAULT_IO' });
  });

  it('refuses when encryption is unavailable on any platform', async () => {
    const keychain = createKeychain(new FakeSafeStorage('unknown', false), 'darwin');
    await expect(keychain.seal('vault-key')).rejects.toThrow(/not available/);
  });

  it('does not apply the Linux backend rule on macOS', async () => {
    const keychain = createKeychain(new FakeSafeStorage('unknown'), 'darwin');
    await expect(keychain.availability()).resolves.toEqual({ available: true });
  });
});
