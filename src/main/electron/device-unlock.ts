/**
 * Device unlock (DESIGN §2): the vault holds a wrap of its key under a random device key; that
 * device key lives only sealed by the OS keychain (safeStorage) in a file in userData, so the app
 * can unlock on this machine without the password, and a copy of the vault file alone (or of the
 * userData folder without the user's keychain) cannot. Refused where the keychain is not real
 * (Linux basic_text). Key bytes are zeroed as soon as they were used.
 *
 * safeStorage only takes and returns strings, so the key crosses it as base64 text; that short-lived
 * string cannot be zeroed (JS strings are immutable), every byte array around it is. When the OS
 * says its own key was rotated (decryptStringAsync's shouldReEncrypt), the device key is sealed again.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyturnError } from '../../shared/errors';
import type { Vault, VaultFile } from '../vault/types';
import type { Keychain } from './keychain';

export const DEVICE_KEY_FILE_NAME = 'device-key.sealed';

/** Where the sealed device key is kept. */
export interface DeviceKeyStore {
  read(): Buffer | null;
  write(sealed: Buffer): void;
  remove(): void;
}

export type DeviceUnlockState = 'on' | 'off' | 'unavailable';

export type DeviceUnlockAttempt =
  | { readonly unlocked: true; readonly vault: Vault }
  | { readonly unlocked: false; readonly reason: 'off' | 'no-key' | 'keychain-unavailable' | 'refused' };

/** A file only this user can read, replaced atomically so a crash never leaves half a key. */
export function createDeviceKeyStore(path: string): DeviceKeyStore {
  return {
    read: () => {
      try {
        return readFileSync(path);
      } catch {
        return null;
      }
    },
    write: (sealed) => {
      mkdirSync(dirname(path), { recursive: true });
      const temp = `${path}.tmp`;
      writeFileSync(temp, sealed, { mode: 0o600 });
      renameSync(temp, path);
    },
    remove: () => rmSync(path, { force: true }),
  };
}

export async function deviceUnlockState(vault: Vault, keychain: Keychain): Promise<DeviceUnlockState> {
  if (vault.hasDeviceUnlock) return 'on';
  return (await keychain.availability()).available ? 'off' : 'unavailable';
}

/** Adds the device wrap and keeps its key sealed by the keychain; on any failure no wrap remains. */
export async function enableDeviceUnlock(vault: Vault, keychain: Keychain, store: DeviceKeyStore): Promise<void> {
  const availability = await keychain.availability();
  // Checked before the wrap exists: a key we could not keep safely must never be made.
  if (!availability.available)
    throw new KeyturnError('VAULT_IO', `Device unlock is not available: ${availability.reason}`);
  const key = vault.enableDeviceUnlock();
  try {
    // A view, not a copy: zeroing `key` below leaves no other copy of the bytes behind.
    store.write(await keychain.seal(Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('base64')));
  } catch (cause) {
    vault.disableDeviceUnlock();
    store.remove();
    throw cause;
  } finally {
    key.fill(0);
  }
}

/** Deletes the wrap first (the stored key stops opening anything), then the sealed key file. */
export function disableDeviceUnlock(vault: Vault, store: DeviceKeyStore): void {
  vault.disableDeviceUnlock();
  store.remove();
}

/** Tries the device key; any failure is a reason to ask for the password, never an error. */
export async function unlockWithDevice(
  file: VaultFile,
  keychain: Keychain,
  store: DeviceKeyStore,
): Promise<DeviceUnlockAttempt> {
  if (!file.hasDeviceUnlock) return { unlocked: false, reason: 'off' };
  const sealed = store.read();
  if (sealed === null) return { unlocked: false, reason: 'no-key' };
  if (!(await keychain.availability()).available) return { unlocked: false, reason: 'keychain-unavailable' };
  let key: Buffer | null = null;
  try {
    const opened = await keychain.open(sealed);
    key = decodeKey(opened.secret);
    const vault = file.unlockWithDeviceKey(key);
    if (opened.shouldReseal) await reseal(opened.secret, keychain, store);
    return { unlocked: true, vault };
  } catch {
    // A wrong or tampered key is audited by the vault as a failed unlock.
    return { unlocked: false, reason: 'refused' };
  } finally {
    key?.fill(0);
    sealed.fill(0);
  }
}

/** The OS rotated its key: keep the device key sealed under the new one; the old sealing still works if this fails. */
async function reseal(secret: string, keychain: Keychain, store: DeviceKeyStore): Promise<void> {
  try {
    store.write(await keychain.seal(secret));
  } catch {
    // Keeping the old sealed file is safe: it opened just now and will again.
  }
}

export interface StartUnlockDeps {
  /** Opens the vault file, or null when there is none yet. */
  readonly open: () => VaultFile | null;
  readonly keychain: Keychain;
  readonly store: DeviceKeyStore;
  readonly unlocked: (vault: Vault, file: VaultFile) => void;
}

/** At start: unlock with the device key if it is on; otherwise leave the vault for the password. */
export async function unlockAtStart(deps: StartUnlockDeps): Promise<DeviceUnlockAttempt> {
  let file: VaultFile | null;
  try {
    file = deps.open();
  } catch {
    return { unlocked: false, reason: 'off' };
  }
  if (file === null) return { unlocked: false, reason: 'off' };
  const attempt = await unlockWithDevice(file, deps.keychain, deps.store);
  if (attempt.unlocked) deps.unlocked(attempt.vault, file);
  else file.close();
  return attempt;
}

/** Decodes into its own (unpooled) buffer, so zeroing it touches nothing else and leaves no copy. */
function decodeKey(text: string): Buffer {
  const key = Buffer.alloc(Buffer.byteLength(text, 'base64'));
  key.write(text, 'base64');
  return key;
}
