import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/vault/migrations';
import { KeyturnError } from '../../../src/shared/errors';
import { openVault } from '../../../src/main/vault/index';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault } from '../../support/vault-temp';

function failure(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
    return { code: 'OPENED', message: '' };
  } catch (cause) {
    if (cause instanceof KeyturnError) return { code: cause.code, message: cause.message };
    throw cause;
  }
}

function deviceRow(path: string): { params: string; sealed: Buffer } | undefined {
  const raw = new Database(path, { readonly: true });
  try {
    return raw.prepare("SELECT params, sealed FROM key_wraps WHERE kind = 'device'").get() as
      { params: string; sealed: Buffer } | undefined;
  } finally {
    raw.close();
  }
}

/** A vault with one token and device unlock on; returns the device key the caller would keep. */
function deviceVault(): { t: ReturnType<typeof createTempVault>; deviceKey: Uint8Array; tokenId: string } {
  const t = createTempVault();
  const env = t.vault.addEnvironment(t.vault.addTenant('Acme').id, 'prod', 'production');
  const tokenId = t.vault.addToken({
    environmentId: env.id,
    label: 'api',
    kind: 'api-key',
    provider: 'manual',
    secret: 's3cret',
  }).id;
  expect(t.vault.hasDeviceUnlock).toBe(false);
  const deviceKey = t.vault.enableDeviceUnlock();
  expect(t.vault.hasDeviceUnlock).toBe(true);
  t.vault.lock();
  return { t, deviceKey, tokenId };
}

describe('device unlock (OS keychain wrap)', () => {
  it('unlocks with the device key and opens what the password vault wrote', () => {
    const { t, deviceKey, tokenId } = deviceVault();
    expect(deviceKey).toBeInstanceOf(Uint8Array);
    expect(deviceKey.length).toBe(32);
    const file = openVault(t.path, { policy: TEST_KDF_POLICY });
    expect(file.hasDeviceUnlock).toBe(true);
    const vault = file.unlockWithDeviceKey(deviceKey);
    expect(vault.openSecret(tokenId)).toBe('s3cret');
    const actions = vault.listAudit().map((a) => `${a.action}:${a.detail}`);
    expect(actions).toContain('device-unlock-enabled:');
    expect(actions.at(-1)).toBe('unlock:with device key');
    expect(vault.verifyAudit().ok).toBe(true);
    file.close();
  });

  it('refuses a wrong, short or zeroed device key and audits each failure', () => {
    const { t, deviceKey } = deviceVault();
    const file = openVault(t.path, { policy: TEST_KDF_POLICY });
    const wrong = [
      new Uint8Array(32),
      deviceKey.slice(0, 31),
      Uint8Array.from(deviceKey, (b, i) => (i === 0 ? b ^ 1 : b)),
    ];
    for (let i = 0; i < 200; i++) wrong.push(new Uint8Array(32).map(() => Math.floor(Math.random() * 256)));
    let unlocked = 0;
    for (const key of wrong) {
      const result = failure(() => file.unlockWithDeviceKey(key));
      if (result.code === 'OPENED') unlocked++;
      else expect(result).toEqual({ code: 'VAULT_WRONG_PASSWORD', message: 'Wrong device key' });
    }
    expect(failure(() => file.unlockWithDeviceKey('not bytes' as unknown as Uint8Array)).code).toBe('INVALID_INPUT');
    console.log(`${wrong.length} wrong device keys, ${unlocked} wrong unlocks`);
    expect(unlocked).toBe(0);
    const vault = file.unlock(t.password);
    expect(vault.listAudit().filter((a) => a.action === 'unlock-failed').length).toBe(wrong.length);
    file.close();
  });

  it('disabling removes the wrap, so the old device key no longer unlocks', () => {
    const { t, deviceKey } = deviceVault();
    const file = openVault(t.path, { policy: TEST_KDF_POLICY });
    const vault = file.unlock(t.password);
    vault.disableDeviceUnlock();
    vault.disableDeviceUnlock(); // a no-op, not a second audit entry
    expect(vault.hasDeviceUnlock).toBe(false);
    expect(file.hasDeviceUnlock).toBe(false);
    expect(deviceRow(t.path)).toBeUndefined();
    expect(vault.listAudit().filter((a) => a.action === 'device-unlock-disabled').length).toBe(1);
    vault.lock();
    expect(failure(() => file.unlockWithDeviceKey(deviceKey))).toEqual({
      code: 'VAULT_WRONG_PASSWORD',
      message: 'Device unlock is not enabled for this vault; unlock with the password',
    });
    expect(file.unlock(t.password).listAudit().at(-2)?.action).toBe('unlock-failed');
    file.close();
  });

  it('enabling again replaces the wrap: only the newest device key unlocks', () => {
    const { t, deviceKey: first } = deviceVault();
    const file = openVault(t.path, { policy: TEST_KDF_POLICY });
    const second = file.unlock(t.password).enableDeviceUnlock();
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(false);
    expect(failure(() => file.unlockWithDeviceKey(first)).code).toBe('VAULT_WRONG_PASSWORD');
    expect(file.unlockWithDeviceKey(second).isLocked).toBe(false);
    file.close();
  });

  it('stays valid after a password change, and the new password works too', () => {
    const { t, deviceKey, tokenId } = deviceVault();
    const file = openVault(t.path, { policy: TEST_KDF_POLICY });
    const before = deviceRow(t.path);
    file.unlock(t.password).changePassword('a brand new password');
    expect(deviceRow(t.path)).toEqual(before);
    expect(failure(() => file.unlock(t.password)).code).toBe('VAULT_WRONG_PASSWORD');
    expect(file.unlockWithDeviceKey(deviceKey).openSecret(tokenId)).toBe('s3cret');
    expect(file.unlock('a brand new password').openSecret(tokenId)).toBe('s3cret');
    expect(file.unlockWithRecoveryKey(t.recoveryKey).openSecret(tokenId)).toBe('s3cret');
    file.close();
  });

  it('refuses every flipped byte of the device wrap and of its parameters', () => {
    const { t, deviceKey } = deviceVault();
    const original = deviceRow(t.path);
    if (!original) throw new Error('no device wrap');
    const file = openVault(t.path, { policy: TEST_KDF_POLICY });
    const raw = new Database(t.path);
    raw.pragma('synchronous = OFF');
    const update = raw.prepare("UPDATE key_wraps SET params = ?, sealed = ? WHERE kind = 'device'");
    const codes = new Map<string, number>();
    let mutants = 0;
    const tryMutant = (params: string, sealed: Buffer): void => {
      update.run(params, sealed);
      mutants++;
      const { code } = failure(() => file.unlockWithDeviceKey(deviceKey));
      codes.set(code, (codes.get(code) ?? 0) + 1);
    };
    for (let i = 0; i < original.sealed.length; i++) {
      const sealed = Buffer.from(original.sealed);
      sealed[i] = (sealed[i] as number) ^ 0xff;
      tryMutant(original.params, sealed);
    }
    for (let i = 0; i < original.params.length; i++) {
      const params =
        original.params.slice(0, i) +
        String.fromCharCode(original.params.charCodeAt(i) ^ 1) +
        original.params.slice(i + 1);
      tryMutant(params, original.sealed);
    }
    update.run(original.params, original.sealed);
    raw.close();
    const refused = mutants - (codes.get('OPENED') ?? 0);
    console.log(
      `${mutants} device-wrap mutants, ${refused} refused (${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')})`,
    );
    expect(codes.get('OPENED')).toBeUndefined();
    expect([...codes.keys()].every((c) => c === 'VAULT_WRONG_PASSWORD' || c === 'VAULT_HEADER_INVALID')).toBe(true);
    expect(file.unlockWithDeviceKey(deviceKey).isLocked).toBe(false);
    file.close();
  });

  it('upgrades a schema-2 file (backup first) so it can hold a device wrap', () => {
    const t = createTempVault();
    t.vault.lock();
    const raw = new Database(t.path);
    raw.exec(`
      CREATE TABLE old_wraps (kind TEXT PRIMARY KEY CHECK (kind IN ('password', 'recovery', 'keychain')), params TEXT NOT NULL, sealed BLOB NOT NULL) STRICT;
      INSERT INTO old_wraps SELECT * FROM key_wraps; DROP TABLE key_wraps; ALTER TABLE old_wraps RENAME TO key_wraps;
      DROP INDEX tokens_last_used; ALTER TABLE tokens DROP COLUMN last_used_at; DROP INDEX journal_open;`);
    raw.pragma('user_version = 2');
    raw.close();
    const file = openVault(t.path, { policy: TEST_KDF_POLICY });
    expect(existsSync(`${t.path}.v2.bak`)).toBe(true);
    expect(file.summary().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const deviceKey = file.unlock(t.password).enableDeviceUnlock();
    expect(file.unlockWithDeviceKey(deviceKey).isLocked).toBe(false);
    file.close();
  });
});
