/**
 * The device wrap: the vault key sealed under a random 32-byte device key that the caller keeps
 * in the OS keychain (Electron safeStorage), so the app can unlock without the password on this
 * machine. The device key has full entropy, so its wrapping key comes from HKDF, not Argon2.
 * It wraps the vault key itself, so a password change leaves it valid; disabling deletes the row.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { appendAudit } from './audit-log';
import { deriveKey, KEY_BYTES, seal } from './crypto';
import type { Db } from './database';
import { insertWrap, invalid, parseJson, wrapAad, type StagedWrap } from './header';
import { SALT_BYTES } from './kdf';
import { write, type Session } from './session';

export const DEVICE_KEY_BYTES = KEY_BYTES;

const deviceParamsSchema = z.strictObject({ alg: z.literal('hkdf-sha256'), salt: z.base64url() });
const deviceRowSchema = z.object({ params: z.string(), sealed: z.instanceof(Uint8Array) });

export interface DeviceWrap {
  readonly salt: Uint8Array;
  readonly paramsText: string;
  readonly sealed: Uint8Array;
}

export function deviceWrapKey(deviceKey: Uint8Array, salt: Uint8Array): Uint8Array {
  return deriveKey(deviceKey, salt, 'keyturn/v1/device-wrap');
}

export function newDeviceKey(): Uint8Array {
  return new Uint8Array(randomBytes(DEVICE_KEY_BYTES));
}

export function hasDeviceWrap(db: Db): boolean {
  return db.prepare("SELECT 1 FROM key_wraps WHERE kind = 'device'").get() !== undefined;
}

/** The device wrap, or null when device unlock is off. A malformed row is a header error. */
export function readDeviceWrap(db: Db): DeviceWrap | null {
  const row: unknown = db.prepare("SELECT params, sealed FROM key_wraps WHERE kind = 'device'").get();
  if (row === undefined) return null;
  const parsed = deviceRowSchema.safeParse(row);
  if (!parsed.success) throw invalid('device wrap');
  const params = deviceParamsSchema.safeParse(parseJson(parsed.data.params, 'device parameters'));
  if (!params.success) throw invalid('device parameters');
  const salt = new Uint8Array(Buffer.from(params.data.salt, 'base64url'));
  if (salt.length < SALT_BYTES) throw invalid('device salt');
  return { salt, paramsText: parsed.data.params, sealed: new Uint8Array(parsed.data.sealed) };
}

export function writeDeviceWrap(vaultId: string, vaultKey: Uint8Array, deviceKey: Uint8Array): StagedWrap {
  const salt = new Uint8Array(randomBytes(SALT_BYTES));
  const paramsText = JSON.stringify({ alg: 'hkdf-sha256', salt: Buffer.from(salt).toString('base64url') });
  const wrapKey = deviceWrapKey(deviceKey, salt);
  const sealed = seal(wrapKey, vaultKey, wrapAad(vaultId, 'device', paramsText));
  wrapKey.fill(0);
  return { paramsText, sealed };
}

/** Stores a fresh device wrap (replacing any earlier one) and returns its key for the keychain. */
export function enableDeviceUnlock(s: Session): Uint8Array {
  const deviceKey = newDeviceKey();
  const wrap = writeDeviceWrap(s.vaultId, s.keys.vaultKey, deviceKey);
  write(s.db, () => {
    insertWrap(s.db, 'device', wrap);
    appendAudit(s, 'device-unlock-enabled', null, '');
  });
  return deviceKey;
}

export function disableDeviceUnlock(s: Session): void {
  write(s.db, () => {
    if (!hasDeviceWrap(s.db)) return;
    s.db.prepare("DELETE FROM key_wraps WHERE kind = 'device'").run();
    appendAudit(s, 'device-unlock-disabled', null, '');
  });
}
