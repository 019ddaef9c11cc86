/**
 * Issue 12 item 8 in the window: first run (the recovery key shown once), the master password
 * (a wrong one said in a sentence), "Forgot your password?" → recovery key → new master password,
 * and a vault file that is damaged, from a newer Keyturn or not a file: a screen that says what is
 * wrong, where the file is and what to do, never a blank window.
 */
import Database from 'better-sqlite3';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir';
import { closeAll, inspect, openWindow, PASSWORD, unlockInWindow, type TestWindow } from './harness';

const opened: TestWindow[] = [];
afterAll(async () => {
  for (const w of opened) await w.close();
  await closeAll();
});

async function windowOn(options: Parameters<typeof openWindow>[0]): Promise<TestWindow> {
  const w = await openWindow(options);
  opened.push(w);
  return w;
}

const NEW_PASSWORD = 'a brand new master password';

/**
 * A window on a vault made by main's handler (not through the page), unlocked, with its recovery
 * key: each test has its own, so one that fails or times out does not take the next ones with it.
 */
async function unlockedWindow(): Promise<{ w: TestWindow; recoveryKey: string }> {
  const w = await windowOn({ vault: 'none' });
  const created = await w.api['vault:create']({ password: PASSWORD });
  if (!created.ok) throw new Error(created.error.message);
  await w.reload();
  await w.page.getByRole('searchbox', { name: 'Search tokens' }).waitFor();
  return { w, recoveryKey: created.value.recoveryKey };
}

describe('first run and the master password', () => {
  it('creates a vault: says where it goes, refuses differing and short passwords in sentences, shows the key once', async () => {
    const w = await windowOn({ vault: 'none' });
    const page = w.page;
    await page.getByText(w.context.vaultPath).waitFor();
    expect(await inspect(page, 'onboarding-create')).toEqual([]);
    await page.getByLabel('Master password').fill('short');
    await page.getByLabel('Repeat it').fill('shorter');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByRole('alert').getByText('The two passwords differ. Type the same password twice.').waitFor();
    await page.getByLabel('Repeat it').fill('short');
    await page.getByRole('button', { name: 'Create vault' }).click();
    const refusal = (await page.getByRole('alert').textContent()) ?? '';
    expect(refusal).toMatch(/8 characters/);
    expect(refusal).not.toMatch(/Invalid input|vault:create|password:/);

    await page.getByLabel('Master password').fill(PASSWORD);
    await page.getByLabel('Repeat it').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create vault' }).click();
    const key = page.getByLabel('Recovery key', { exact: true });
    await key.waitFor();
    const recoveryKey = (await key.textContent()) ?? '';
    expect(recoveryKey.length).toBeGreaterThan(20);
    expect(await inspect(page, 'onboarding-recovery-key')).toEqual([]);
    await page.getByLabel('To continue, type the last group of the key').fill(recoveryKey.split('-').at(-1) ?? '');
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await page.getByRole('searchbox', { name: 'Search tokens' }).waitFor();
    expect(await page.content()).not.toContain(recoveryKey);
    await page.getByText(/Your vault is empty/).waitFor();
    expect(await inspect(page, 'vault-empty')).toEqual([]);
    // Add token with no environment says what to add first, and leads there.
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'Add a token' });
    await dialog.getByText(/Add a tenant first, then an environment in it\./).waitFor();
    expect(await inspect(page, 'dialog-add-token-no-environment')).toEqual([]);
    await dialog.getByRole('button', { name: 'Add a tenant…' }).click();
    await page.getByRole('dialog').getByLabel('Tenant name').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('locks with Ctrl+L, says a wrong password in a sentence and keeps focus in the field', async () => {
    const { w } = await unlockedWindow();
    await w.page.keyboard.press('Control+l');
    await w.page.getByLabel('Master password').fill('not the password');
    await w.page.keyboard.press('Enter');
    const alert = w.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^[A-Z].*\.$/);
    expect(await alert.textContent()).not.toMatch(/[A-Z]{2,}_[A-Z]/);
    expect(await w.page.evaluate<string>('document.activeElement?.id ?? ""')).toBe('master-password');
    expect(await inspect(w.page, 'unlock-wrong-password')).toEqual([]);
  });

  it('"Forgot your password?": the recovery key and a new master password unlock; the old password stops working', async () => {
    const { w, recoveryKey } = await unlockedWindow();
    const page = w.page;
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Recovery key', { exact: true }).fill('AAAA-BBBB-CCCC-DDDD');
    await page.getByLabel('New master password').fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Unlock and set the new password' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/recovery key/i);
    expect(await inspect(page, 'unlock-recovery')).toEqual([]);

    await page.getByLabel('Recovery key', { exact: true }).fill(recoveryKey);
    await page.getByLabel('New master password').fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Unlock and set the new password' }).click();
    await page.getByRole('searchbox', { name: 'Search tokens' }).waitFor();

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByLabel('Master password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    await unlockInWindow(page, NEW_PASSWORD);
    expect(w.pageErrors).toEqual([]);
  });
});

describe('a vault file Keyturn cannot open', () => {
  it('a damaged file: what is wrong, the path and what to do; the file is left as it was', async () => {
    const dir = tempDir('damaged');
    const garbage = Buffer.from('not a database at all, but <b>bold</b> bytes');
    writeFileSync(join(dir, 'vault.db'), garbage);
    const damaged = await windowOn({ vault: 'none', dir });
    const screen = damaged.page.getByRole('alert');
    await screen.getByRole('heading', { name: 'The vault file is damaged' }).waitFor();
    const text = (await screen.textContent()) ?? '';
    expect(text).toContain(join(dir, 'vault.db'));
    expect(text).toMatch(/Keyturn has not changed it/);
    expect(await inspect(damaged.page, 'vault-file-damaged')).toEqual([]);
    // Moving the file away and trying again: the first-run screen.
    rmSync(join(dir, 'vault.db'));
    await damaged.page.getByRole('button', { name: 'Try again' }).click();
    await damaged.page.getByRole('button', { name: 'Create vault' }).waitFor();
  });

  it('a file from a newer Keyturn says so and says to update', async () => {
    const newer = await windowOn({ vault: 'unlocked' });
    newer.context.session.lock('user');
    const db = new Database(newer.context.vaultPath);
    db.pragma('user_version = 99');
    db.close();
    await newer.reload();
    const screen = newer.page.getByRole('alert');
    await screen.getByRole('heading', { name: 'The vault file is from a newer Keyturn' }).waitFor();
    expect(await screen.textContent()).toMatch(/Update Keyturn/);
    expect(await inspect(newer.page, 'vault-file-too-new')).toEqual([]);
  });

  it('a path that is not a file is unreadable, with the path', async () => {
    const dir = tempDir('unreadable');
    mkdirSync(join(dir, 'vault.db'));
    const unreadable = await windowOn({ vault: 'none', dir });
    const screen = unreadable.page.getByRole('alert');
    await screen.getByRole('heading', { name: 'The vault file cannot be read' }).waitFor();
    expect(await screen.textContent()).toContain(join(dir, 'vault.db'));
    expect(unreadable.pageErrors).toEqual([]);
  });
});
