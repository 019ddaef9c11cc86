/**
 * The window's protection changes, settings and audit viewer, and the unlock by recovery key,
 * through the real handlers over a real vault file. The current password is checked in main:
 * a wrong one changes nothing (file fingerprint) and is audited.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeviceKeyStore, unlockWithDevice } from '../../../src/main/electron/device-unlock';
import { createDeviceUnlockPort } from '../../../src/main/electron/device-unlock-port';
import { createKeychain } from '../../../src/main/electron/keychain';
import { SETTING_DEFAULTS } from '../../../src/main/api/window-settings';
import { DEFAULT_CLEAR_AFTER_MS } from '../../../src/main/electron/clipboard';
import { DEFAULT_IDLE_MINUTES } from '../../../src/main/electron/idle-lock';
import { openVault } from '../../../src/main/vault/index';
import { API_PASSWORD, createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';
import { FakeSafeStorage } from '../../support/fake-keychain';
import { TEST_KDF_POLICY } from '../../support/vault-policy';

let f: ApiFixture;
let storage: FakeSafeStorage;
const NEW_PASSWORD = 'a brand new master password';

beforeEach(async () => {
  storage = new FakeSafeStorage();
  f = await createApiFixture();
});

afterEach(() => f.close());

function unlocksWith(password: string): boolean {
  const file = openVault(f.context.vaultPath, { policy: TEST_KDF_POLICY });
  try {
    file.unlock(password).lock();
    return true;
  } catch {
    return false;
  } finally {
    file.close();
  }
}

function failedUnlocks(): number {
  return f
    .vault()
    .listAudit()
    .filter((e) => e.action === 'unlock-failed').length;
}

describe('protection changes re-check the current password in main', () => {
  it('changes the master password only with the right current one', async () => {
    const before = f.hashFiles();
    const wrong = await f.api['password:change']({ currentPassword: 'not it', newPassword: NEW_PASSWORD });
    if (wrong.ok) throw new Error('changed the password without the current one');
    expect(wrong.error).toEqual({ code: 'VAULT_WRONG_PASSWORD', message: 'The current master password is wrong.' });
    expect(unlocksWith(API_PASSWORD)).toBe(true);
    expect(failedUnlocks()).toBe(1);
    expect(before).not.toBe(f.hashFiles()); // only the audit entry of the failed check was added
    value(await f.api['password:change']({ currentPassword: API_PASSWORD, newPassword: NEW_PASSWORD }));
    expect(unlocksWith(NEW_PASSWORD)).toBe(true);
    expect(unlocksWith(API_PASSWORD)).toBe(false);
    expect(
      f
        .vault()
        .listAudit()
        .some((e) => e.action === 'password-changed'),
    ).toBe(true);
  });

  it('replaces the recovery key: shown once, the old one stops working, the new one unlocks', async () => {
    expect(errorCode(await f.api['recovery-key:replace']({ currentPassword: 'wrong' }))).toBe('VAULT_WRONG_PASSWORD');
    const { recoveryKey } = value(await f.api['recovery-key:replace']({ currentPassword: API_PASSWORD }));
    expect(recoveryKey).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{1,4})+$/);
    const { recoveryKey: second } = value(await f.api['recovery-key:replace']({ currentPassword: API_PASSWORD }));
    f.context.session.lock('user');
    expect(errorCode(await f.api['vault:recover']({ recoveryKey, newPassword: NEW_PASSWORD }))).toBe(
      'VAULT_WRONG_PASSWORD',
    );
    expect(unlocksWith(API_PASSWORD)).toBe(true);
    expect(value(await f.api['vault:recover']({ recoveryKey: second, newPassword: NEW_PASSWORD })).state).toBe(
      'unlocked',
    );
    expect(unlocksWith(NEW_PASSWORD)).toBe(true);
    expect(
      f
        .vault()
        .listAudit()
        .filter((e) => e.action === 'recovery-key-replaced'),
    ).toHaveLength(2);
  });

  it('turns device unlock on only with the password, refuses an unsafe keychain, and turns it off', async () => {
    const keychain = createKeychain(storage, 'linux');
    const store = createDeviceKeyStore(join(f.dir, 'device-key.sealed'));
    f.close();
    f = await createApiFixture({ deviceUnlock: createDeviceUnlockPort(keychain, store) });
    expect(value(await f.api['settings:get']({})).deviceUnlock).toBe('off');
    expect(errorCode(await f.api['device-unlock:set']({ enabled: true, currentPassword: 'wrong' }))).toBe(
      'VAULT_WRONG_PASSWORD',
    );
    expect(f.vault().hasDeviceUnlock).toBe(false);
    expect(errorCode(await f.api['device-unlock:set']({ enabled: true } as never))).toBe('INVALID_INPUT');
    storage.backend = 'basic_text';
    const unsafe = await f.api['device-unlock:set']({ enabled: true, currentPassword: API_PASSWORD });
    if (unsafe.ok) throw new Error('device unlock on over basic_text');
    expect(unsafe.error.message).toMatch(/not available: No secure keyring/);
    expect(f.vault().hasDeviceUnlock).toBe(false);
    storage.backend = 'gnome_libsecret';
    expect(value(await f.api['device-unlock:set']({ enabled: true, currentPassword: API_PASSWORD }))).toEqual({
      deviceUnlock: 'on',
    });
    const file = openVault(f.context.vaultPath, { policy: TEST_KDF_POLICY });
    const attempt = await unlockWithDevice(file, keychain, store);
    expect(attempt.unlocked).toBe(true);
    file.close();
    expect(value(await f.api['device-unlock:set']({ enabled: false }))).toEqual({ deviceUnlock: 'off' });
    expect(f.vault().hasDeviceUnlock).toBe(false);
  });

  it('says device unlock is unavailable where main has no keychain', async () => {
    expect(value(await f.api['settings:get']({})).deviceUnlock).toBe('unavailable');
    expect(errorCode(await f.api['device-unlock:set']({ enabled: false }))).toBe('PROVIDER_UNSUPPORTED');
  });
});

describe('unlock with the recovery key', () => {
  it('refuses a malformed or wrong key with a sentence and changes nothing', async () => {
    f.context.session.lock('user');
    const before = f.hashFiles();
    const malformed = await f.api['vault:recover']({ recoveryKey: 'not a key', newPassword: NEW_PASSWORD });
    if (malformed.ok) throw new Error('took a malformed recovery key');
    expect(malformed.error.code).toBe('INVALID_INPUT');
    expect(f.hashFiles()).toBe(before);
    expect(errorCode(await f.api['vault:recover']({ recoveryKey: 'AAAA', newPassword: 'short' }))).toBe(
      'INVALID_INPUT',
    );
    expect(unlocksWith(API_PASSWORD)).toBe(true);
  });
});

describe('settings', () => {
  it('reads defaults, saves each change in the vault, and refuses a pin of a token that is gone', async () => {
    expect(SETTING_DEFAULTS.lockIdleMinutes).toBe(DEFAULT_IDLE_MINUTES);
    expect(SETTING_DEFAULTS.clipboardClearSeconds * 1000).toBe(DEFAULT_CLEAR_AFTER_MS);
    expect(value(await f.api['settings:get']({}))).toEqual({
      lockIdleMinutes: 10,
      lockOnSleep: true,
      lockOnScreenLock: true,
      clipboardClearSeconds: 20,
      reminderLeadDays: {
        'api-key': 14,
        'personal-access-token': 14,
        'satellite-token': 7,
        'admin-key': 14,
        manual: 14,
      },
      notifications: { expiry: true, rotation: true, problem: true, 'cli-approval': true },
      theme: 'system',
      globalShortcut: null,
      trayPinnedTokenIds: [],
      deviceUnlock: 'unavailable',
    });
    value(await f.api['tenant:add']({ name: 'a' }));
    value(await f.api['environment:add']({ tenant: 'a', name: 'b' }));
    const token = value(await f.api['token:add']({ tenant: 'a', environment: 'b', label: 'c', secret: 'd' }));
    const saved = value(
      await f.api['settings:set']({
        lockIdleMinutes: 5,
        clipboardClearSeconds: 45,
        theme: 'dark',
        trayPinnedTokenIds: [token.id],
      }),
    );
    expect(saved).toMatchObject({
      lockIdleMinutes: 5,
      clipboardClearSeconds: 45,
      theme: 'dark',
      trayPinnedTokenIds: [token.id],
    });
    expect(f.vault().getSetting('lock.idleMinutes')).toBe('5');
    expect(f.vault().getSetting('tray.pinnedTokenIds')).toBe(token.id);
    const before = f.hashFiles();
    expect(errorCode(await f.api['settings:set']({ theme: 'light', trayPinnedTokenIds: ['gone'] }))).toBe('NOT_FOUND');
    const bad = await f.api['settings:set']({ clipboardClearSeconds: 1 });
    if (bad.ok) throw new Error('took a 1 s clipboard');
    expect(bad.error.message).toBe('The clipboard clear seconds must be at least 5.');
    expect(f.hashFiles()).toBe(before);
    expect(f.events.some((e) => e.name === 'vault:changed' && e.payload.scope === 'settings')).toBe(true);
  });
});

describe('reminder lead times', () => {
  it('decide which tokens the window calls expiring, at once', async () => {
    value(await f.api['tenant:add']({ name: 'a' }));
    value(await f.api['environment:add']({ tenant: 'a', name: 'b' }));
    const expiresAt = f.clock.now() + 20 * 24 * 60 * 60 * 1000;
    value(await f.api['token:add']({ tenant: 'a', environment: 'b', label: 'c', secret: 'd', expiresAt }));
    const stateNow = async (): Promise<string | undefined> =>
      value(await f.api['tokens:window']({})).rows[0]?.expiryState;
    expect(await stateNow()).toBe('fresh');
    value(await f.api['settings:set']({ reminderLeadDays: { manual: 30 } }));
    expect(await stateNow()).toBe('expiring');
    expect(value(await f.api['vault:outline']({})).all).toMatchObject({ expiring: 1 });
  });
});

describe('audit viewer', () => {
  it('filters by token, action and date, newest first, in pages, naming each subject', async () => {
    value(await f.api['tenant:add']({ name: 'acme' }));
    value(await f.api['environment:add']({ tenant: 'acme', name: 'prod' }));
    const a = value(await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'a', secret: 'sa' }));
    const b = value(await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'b', secret: 'sb' }));
    const start = f.clock.now();
    for (let i = 0; i < 3; i++) {
      f.clock.advance(1000);
      value(await f.api['token:copy']({ tokenId: a.id }));
      value(await f.api['token:reveal']({ tokenId: b.id }));
    }
    const copies = value(await f.api['audit:query']({ tokenId: a.id, actions: ['copy'] }));
    expect(copies.total).toBe(3);
    expect(copies.entries.map((e) => e.subject)).toEqual(['acme/prod/a', 'acme/prod/a', 'acme/prod/a']);
    expect(copies.entries[0]?.at).toBeGreaterThan(copies.entries[2]?.at ?? 0);
    const page = value(await f.api['audit:query']({ actions: ['copy', 'reveal'], offset: 2, limit: 2, from: start }));
    expect(page).toMatchObject({ total: 6, offset: 2 });
    expect(page.entries.map((e) => e.action)).toEqual(['reveal', 'copy']);
    const unlocks = value(await f.api['audit:query']({ actions: ['unlock'] }));
    expect(unlocks.entries[0]?.subject).toBeNull();
    expect(JSON.stringify(copies)).not.toMatch(/"s[ab]"/);
    expect(value(await f.api['audit:verify']({}))).toMatchObject({ ok: true });
  });
});
