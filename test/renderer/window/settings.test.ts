/**
 * Issue 13 item 1 in the window: the settings screen. Each change is read back from the vault
 * through main's handler (stored) and checked where the window applies it (the theme); the
 * protection changes re-ask the password, and a wrong one changes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileDialogs } from '../../../src/main/electron/file-dialogs';
import { createDeviceKeyStore } from '../../../src/main/electron/device-unlock';
import { createDeviceUnlockPort } from '../../../src/main/electron/device-unlock-port';
import { createKeychain } from '../../../src/main/electron/keychain';
import { openVault } from '../../../src/main/vault/index';
import type { WindowSettings } from '../../../src/shared/window-settings';
import { value } from '../../support/api-fixture';
import { FakeDialogs } from '../../support/fake-dialogs';
import { FakeSafeStorage } from '../../support/fake-keychain';
import { tempDir } from '../../support/temp-dir';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { closeWindow, inspect, openSeededWindow, PASSWORD, POLL, unlockInWindow, type TestWindow } from './harness';

const NEW_PASSWORD = 'a longer new master password';
let w: TestWindow;
const dialogs = new FakeDialogs();

beforeAll(async () => {
  const dir = tempDir('window-settings');
  const keychain = createKeychain(new FakeSafeStorage(), 'linux');
  const deviceUnlock = createDeviceUnlockPort(keychain, createDeviceKeyStore(join(dir, 'device-key.sealed')));
  w = await openSeededWindow({ dir, context: { deviceUnlock, fileDialogs: createFileDialogs(dialogs) } });
});

afterAll(() => closeWindow(w));

const stored = async (): Promise<WindowSettings> => value(await w.api['settings:get']({}));
const settingsPane = () => w.page.getByRole('region', { name: 'Settings' });
const status = () => settingsPane().getByRole('status');

async function setNumber(label: string, to: string): Promise<void> {
  const field = settingsPane().getByLabel(label, { exact: true });
  await field.fill(to);
  await field.press('Enter');
}

function opensWith(secret: { password?: string; recoveryKey?: string }): boolean {
  const file = openVault(w.context.vaultPath, { policy: TEST_KDF_POLICY });
  try {
    const vault =
      secret.password === undefined
        ? file.unlockWithRecoveryKey(secret.recoveryKey ?? '')
        : file.unlock(secret.password);
    vault.lock();
    return true;
  } catch {
    return false;
  } finally {
    file.close();
  }
}

describe('settings', () => {
  it('opens with Ctrl+, and from the sidebar, showing what the vault stores', async () => {
    await w.page.keyboard.press('Control+,');
    await settingsPane().waitFor();
    expect(await settingsPane().getByLabel('Lock after idle').inputValue()).toBe(
      String((await stored()).lockIdleMinutes),
    );
    expect(await inspect(w.page, 'settings')).toEqual([]);
    await w.page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: /^All tokens/ })
      .click();
    await w.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
    await settingsPane().waitFor();
  });

  it('stores each timing at once and refuses one out of range in place', async () => {
    await setNumber('Lock after idle', '15');
    await expect.poll(async () => (await stored()).lockIdleMinutes, POLL).toBe(15);
    await setNumber('Clear the clipboard after', '45');
    await expect.poll(async () => (await stored()).clipboardClearSeconds, POLL).toBe(45);
    await setNumber('API keys', '21');
    await expect.poll(async () => (await stored()).reminderLeadDays['api-key'], POLL).toBe(21);
    // The vault holds the value before the window has the answer: the status follows it.
    await expect.poll(() => status().textContent(), POLL).toMatch(/Saved: reminders for API keys/);

    await setNumber('Clear the clipboard after', '3');
    await settingsPane().getByText('Enter a whole number from 5 to 600.').waitFor();
    expect((await stored()).clipboardClearSeconds).toBe(45);
    expect(await inspect(w.page, 'settings-invalid-number')).toEqual([]);
    await setNumber('Clear the clipboard after', '45');
  });

  it('stores the lock and notification switches', async () => {
    const before = await stored();
    await settingsPane().getByRole('switch', { name: 'Lock when the computer sleeps' }).click();
    await expect.poll(async () => (await stored()).lockOnSleep, POLL).toBe(!before.lockOnSleep);
    await settingsPane().getByRole('switch', { name: 'Lock when the screen locks' }).click();
    await expect.poll(async () => (await stored()).lockOnScreenLock, POLL).toBe(!before.lockOnScreenLock);
    await settingsPane().getByRole('switch', { name: 'Expiry reminders' }).click();
    await expect.poll(async () => (await stored()).notifications.expiry, POLL).toBe(!before.notifications.expiry);
    expect((await stored()).notifications.rotation).toBe(before.notifications.rotation);
  });

  it('stores the theme and applies it to the page', async () => {
    const html = w.page.locator('html');
    await settingsPane().getByRole('radio', { name: 'Dark' }).check();
    await expect.poll(async () => (await stored()).theme, POLL).toBe('dark');
    await expect.poll(() => html.getAttribute('data-theme'), POLL).toBe('dark');
    await w.page.screenshot({ path: 'test-results/renderer/settings-theme-set-dark.png' });
    await settingsPane().getByRole('radio', { name: 'Light' }).check();
    await expect.poll(() => html.getAttribute('data-theme'), POLL).toBe('light');
    await w.reload();
    await w.page.getByRole('searchbox', { name: 'Search tokens' }).waitFor();
    await expect.poll(() => html.getAttribute('data-theme'), POLL).toBe('light');
    await w.page.keyboard.press('Control+,');
    await settingsPane().getByRole('radio', { name: 'Follow the system' }).check();
    await expect.poll(() => html.getAttribute('data-theme'), POLL).toBe(null);
    expect((await stored()).theme).toBe('system');
  });

  it('sets and turns off the global shortcut; one without a modifier is explained and not stored', async () => {
    const field = settingsPane().getByLabel('Global shortcut');
    await field.fill('K');
    await field.press('Enter');
    await settingsPane().getByRole('alert').waitFor();
    expect((await stored()).globalShortcut).toBe(null);
    await field.fill('CommandOrControl+Shift+K');
    await field.press('Enter');
    await expect.poll(async () => (await stored()).globalShortcut, POLL).toBe('CommandOrControl+Shift+K');
    await settingsPane().getByRole('button', { name: 'Turn off' }).click();
    await expect.poll(async () => (await stored()).globalShortcut, POLL).toBe(null);
  });
});

describe('protection changes re-ask the password', () => {
  it('turns device unlock on only with the right password, and off', async () => {
    await settingsPane().getByRole('button', { name: 'Turn on device unlock…' }).click();
    const dialog = w.page.getByRole('dialog');
    await dialog.getByLabel('Current master password').fill('not it');
    await dialog.getByRole('button', { name: 'Turn on' }).click();
    await dialog.getByRole('alert').waitFor();
    expect((await stored()).deviceUnlock).toBe('off');
    // The field was emptied and has focus again, ready for another try.
    const field = dialog.getByLabel('Current master password');
    expect(await field.inputValue()).toBe('');
    await expect
      .poll(() => field.evaluate((element) => element === element.ownerDocument.activeElement), POLL)
      .toBe(true);
    expect(await inspect(w.page, 'settings-device-unlock-wrong')).toEqual([]);
    await dialog.getByLabel('Current master password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Turn on' }).click();
    await expect.poll(async () => (await stored()).deviceUnlock, POLL).toBe('on');
    await settingsPane().getByRole('button', { name: 'Turn off device unlock' }).click();
    await expect.poll(async () => (await stored()).deviceUnlock, POLL).toBe('off');
  });

  it('makes a new recovery key, shows it once, saves it through main, and the old one stops working', async () => {
    await settingsPane().getByRole('button', { name: 'Create a new recovery key…' }).click();
    await w.page.getByRole('dialog').getByLabel('Current master password').fill(PASSWORD);
    await w.page.getByRole('dialog').getByRole('button', { name: 'Create new key' }).click();
    const shown = w.page.getByRole('alertdialog');
    const key = (await shown.getByLabel('Recovery key').textContent()) ?? '';
    expect(key).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4})+$/);
    expect(opensWith({ recoveryKey: key })).toBe(true);
    expect(await inspect(w.page, 'settings-new-recovery-key')).toEqual([]);
    const target = join(w.dir, 'recovery-key.txt');
    dialogs.answers.push(target);
    await shown.getByRole('button', { name: 'Save to a file…' }).click();
    await shown.getByText(`Saved to ${target}`).waitFor();
    expect(readFileSync(target, 'utf8')).toContain(key);
    await shown.getByRole('button', { name: 'I have saved it' }).click();
    await expect.poll(() => w.page.getByRole('alertdialog').count(), POLL).toBe(0);
  });

  it('changes the master password after checking the current one', async () => {
    await settingsPane().getByRole('button', { name: 'Change master password…' }).click();
    const dialog = w.page.getByRole('dialog');
    await dialog.getByLabel('Current master password').fill('not it');
    await dialog.getByLabel('New master password').fill(NEW_PASSWORD);
    await dialog.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(opensWith({ password: PASSWORD })).toBe(true);
    await dialog.getByLabel('Current master password').fill(PASSWORD);
    await dialog.getByLabel('New master password').fill(NEW_PASSWORD);
    await dialog.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => w.page.getByRole('dialog').count(), POLL).toBe(0);
    expect(opensWith({ password: NEW_PASSWORD })).toBe(true);
    expect(opensWith({ password: PASSWORD })).toBe(false);
    await w.page.keyboard.press('Control+l');
    await unlockInWindow(w.page, NEW_PASSWORD);
  });
});
