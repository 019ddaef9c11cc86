import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createDeviceKeyStore,
  DEVICE_KEY_FILE_NAME,
  deviceUnlockState,
  disableDeviceUnlock,
  enableDeviceUnlock,
  unlockAtStart,
} from '../../../src/main/electron/device-unlock';
import { createKeychain } from '../../../src/main/electron/keychain';
import { openVault } from '../../../src/main/vault/index';
import type { Vault, VaultFile } from '../../../src/main/vault/types';
import { FakeSafeStorage } from '../../support/fake-keychain';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault } from '../../support/vault-temp';

/** Records every device key the vault hands out or is handed, to check they end zeroed. */
function watchKeys<T extends Vault | VaultFile>(
  target: T,
  method: 'enableDeviceUnlock' | 'unlockWithDeviceKey',
  seen: Uint8Array[],
): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property);
      if (typeof value !== 'function') return value;
      if (property !== method) return value.bind(object);
      return (...args: unknown[]) => {
        const result: unknown = value.apply(object, args);
        const key = method === 'enableDeviceUnlock' ? result : args[0];
        if (key instanceof Uint8Array) seen.push(key);
        return result;
      };
    },
  });
}

function setup(backend = 'gnome_libsecret') {
  const t = createTempVault();
  const environment = t.vault.addEnvironment(t.vault.addTenant('Acme').id, 'prod', 'production');
  const tokenId = t.vault.addToken({
    environmentId: environment.id,
    label: 'api',
    kind: 'api-key',
    provider: 'manual',
    secret: 's3cret-value',
  }).id;
  const keyPath = join(t.dir, 'userData', DEVICE_KEY_FILE_NAME);
  const store = createDeviceKeyStore(keyPath);
  const storage = new FakeSafeStorage(backend);
  const keychain = createKeychain(storage, 'linux');
  const seen: Uint8Array[] = [];
  const files: VaultFile[] = [];
  const start = async () => {
    const unlocked: Vault[] = [];
    const attempt = await unlockAtStart({
      open: () => {
        const file = watchKeys(openVault(t.path, { policy: TEST_KDF_POLICY }), 'unlockWithDeviceKey', seen);
        files.push(file);
        return file;
      },
      keychain,
      store,
      unlocked: (vault) => unlocked.push(vault),
    });
    return { attempt, unlocked };
  };
  return {
    t,
    tokenId,
    keyPath,
    store,
    storage,
    keychain,
    seen,
    start,
    vault: watchKeys(t.vault, 'enableDeviceUnlock', seen),
  };
}

const allZero = (key: Uint8Array): boolean => key.every((byte) => byte === 0);

describe('device unlock through the OS keychain', () => {
  it('keeps the device key sealed by the keychain in a private file and unlocks with it at start', async () => {
    const s = setup();
    expect(await deviceUnlockState(s.vault, s.keychain)).toBe('off');
    await enableDeviceUnlock(s.vault, s.keychain, s.store);
    expect(await deviceUnlockState(s.vault, s.keychain)).toBe('on');
    expect(existsSync(s.keyPath)).toBe(true);
    expect(statSync(s.keyPath).mode & 0o777).toBe(0o600);
    const sealed = readFileSync(s.keyPath, 'utf8');
    expect(sealed.startsWith('sealed:')).toBe(true);
    s.vault.lock();

    const { attempt, unlocked } = await s.start();
    expect(attempt.unlocked).toBe(true);
    expect(unlocked[0]?.openSecret(s.tokenId)).toBe('s3cret-value');
    unlocked[0]?.lock();
    // One key from enable, one handed to unlockWithDeviceKey: both zeroed after use.
    expect(s.seen).toHaveLength(2);
    expect(s.seen.every(allZero)).toBe(true);
    console.log(
      `device unlock: enabled, unlocked at start without the password; ${s.seen.length} key arrays seen, all zeroed`,
    );
  });

  it("refuses on Linux's basic_text backend before any wrap is made, and start asks for the password", async () => {
    const s = setup('basic_text');
    expect(await deviceUnlockState(s.vault, s.keychain)).toBe('unavailable');
    await expect(enableDeviceUnlock(s.vault, s.keychain, s.store)).rejects.toThrow(
      /Device unlock is not available: No secure keyring/,
    );
    expect(s.vault.hasDeviceUnlock).toBe(false);
    expect(existsSync(s.keyPath)).toBe(false);
    s.vault.lock();
    expect((await s.start()).attempt).toEqual({ unlocked: false, reason: 'off' });
  });

  it('removes the wrap again when the keychain fails to seal, so no unkept key can open the vault', async () => {
    const s = setup();
    s.storage.encryptStringAsync = async () => {
      throw new Error('keychain locked');
    };
    await expect(enableDeviceUnlock(s.vault, s.keychain, s.store)).rejects.toThrow(/keychain locked/);
    expect(s.vault.hasDeviceUnlock).toBe(false);
    expect(existsSync(s.keyPath)).toBe(false);
    expect(s.seen.every(allZero)).toBe(true);
  });

  it('disabling deletes the wrap and the file; start then falls back to the password', async () => {
    const s = setup();
    await enableDeviceUnlock(s.vault, s.keychain, s.store);
    const stale = s.store.read();
    disableDeviceUnlock(s.vault, s.store);
    expect(s.vault.hasDeviceUnlock).toBe(false);
    expect(existsSync(s.keyPath)).toBe(false);
    s.vault.lock();
    expect((await s.start()).attempt).toEqual({ unlocked: false, reason: 'off' });
    // Even a copy of the old sealed key opens nothing once the wrap is gone.
    if (stale === null) throw new Error('setup');
    s.store.write(stale);
    expect((await s.start()).attempt).toEqual({ unlocked: false, reason: 'off' });
  });

  it('falls back to the password when the stored key is wrong, the keychain is gone, or there is no file', async () => {
    const s = setup();
    await enableDeviceUnlock(s.vault, s.keychain, s.store);
    const first = s.store.read();
    await enableDeviceUnlock(s.vault, s.keychain, s.store); // a new wrap: the first key stops working
    s.vault.lock();
    if (first === null) throw new Error('setup');
    s.store.write(first);
    expect((await s.start()).attempt).toEqual({ unlocked: false, reason: 'refused' });
    s.storage.isAvailable = false;
    expect((await s.start()).attempt).toEqual({ unlocked: false, reason: 'keychain-unavailable' });
    s.store.remove();
    expect((await s.start()).attempt).toEqual({ unlocked: false, reason: 'no-key' });
    expect(s.seen.every(allZero)).toBe(true);
  });

  it('seals the device key again when the OS reports it rotated its own key, and still unlocks', async () => {
    const s = setup();
    await enableDeviceUnlock(s.vault, s.keychain, s.store);
    s.vault.lock();
    const sealsBefore = s.storage.sealCount;
    s.storage.rotated = true;
    const { attempt, unlocked } = await s.start();
    expect(attempt.unlocked).toBe(true);
    unlocked[0]?.lock();
    expect(s.storage.sealCount).toBe(sealsBefore + 1);
    s.storage.rotated = false;
    expect((await s.start()).attempt.unlocked).toBe(true);
  });
});
