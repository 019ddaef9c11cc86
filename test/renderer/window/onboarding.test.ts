/**
 * Issue 13 item 6 in the window: first run. The strength meter comes from zxcvbn-ts (lazy-loaded);
 * the recovery key is copied (main's clipboard, cleared), saved through main's save dialog or
 * printed, and the user types its last
 * group before continuing. The key saved and shown opens the vault.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileDialogs } from '../../../src/main/electron/file-dialogs';
import { openVault } from '../../../src/main/vault/index';
import { value } from '../../support/api-fixture';
import { FakeDialogs } from '../../support/fake-dialogs';
import { tempDir } from '../../support/temp-dir';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { closeWindow, inspect, openWindow, POLL, type TestWindow } from './harness';

let w: TestWindow;
const dialogs = new FakeDialogs();
const STRONG = 'marble otter cactus lantern';

beforeAll(async () => {
  w = await openWindow({ context: { fileDialogs: createFileDialogs(dialogs) } });
  await w.page.evaluate('window.printed = 0; window.print = () => { window.printed += 1; };');
});

afterAll(() => closeWindow(w));

const form = () => w.page.getByRole('form', { name: 'Create a vault' });
const strength = () => form().locator('.strength-words');

describe('onboarding', () => {
  it('rates the master password with zxcvbn as it is typed', async () => {
    await form().getByLabel('Master password').fill('password1');
    await expect.poll(() => strength().textContent(), POLL).toMatch(/^Very weak/);
    expect(await form().getByRole('meter', { name: 'Password strength' }).getAttribute('value')).toBe('0');
    await form().getByLabel('Master password').fill(STRONG);
    await expect.poll(() => strength().textContent(), POLL).toMatch(/^(Strong|Very strong)$/);
    await form().getByLabel('Repeat it').fill(STRONG);
    expect(await form().textContent()).toContain('test/emulators');
    expect(await inspect(w.page, 'onboarding-create')).toEqual([]);
  });

  it('shows the key once; continues only after its last group is typed', async () => {
    await form().getByRole('button', { name: 'Create vault' }).click();
    const key = (await w.page.getByLabel('Recovery key', { exact: true }).textContent()) ?? '';
    expect(key).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4})+$/);
    const done = w.page.getByRole('button', { name: 'I have saved it' });
    expect(await done.isDisabled()).toBe(true);
    const confirm = w.page.getByLabel('To continue, type the last group of the key');
    await confirm.fill('AAAA');
    expect(await done.isDisabled()).toBe(true);
    expect(await inspect(w.page, 'onboarding-recovery-key')).toEqual([]);

    // Copy goes through main's clipboard, which clears it like a copied token.
    await w.page.getByRole('button', { name: 'Copy' }).click();
    await w.page.getByText('Copied. The clipboard clears in 20 s.').waitFor();
    expect(await inspect(w.page, 'onboarding-recovery-key-copied')).toEqual([]);
    expect(w.os.text).toBe(key);
    expect(
      w
        .vault()
        .listAudit()
        .some((entry) => entry.detail.endsWith('copied the recovery key')),
    ).toBe(true);
    w.clock.advance(20_000);
    await expect.poll(() => w.os.text, POLL).toBe('');

    await w.page.getByRole('button', { name: 'Print…' }).click();
    expect(await w.page.evaluate('window.printed')).toBe(1);
    const target = join(w.dir, 'recovery.txt');
    dialogs.answers.push(target);
    await w.page.getByRole('button', { name: 'Save to a file…' }).click();
    await w.page.getByText(`Saved to ${target}`).waitFor();
    expect(readFileSync(target, 'utf8')).toContain(key);

    await confirm.fill((key.split('-').at(-1) ?? '').toLowerCase());
    await done.click();
    await w.page.getByRole('searchbox', { name: 'Search tokens' }).waitFor();
    const file = openVault(w.context.vaultPath, { policy: TEST_KDF_POLICY });
    try {
      expect(() => file.unlockWithRecoveryKey(key).lock()).not.toThrow();
    } finally {
      file.close();
    }
  });

  it('makes a new vault from an encrypted backup; a wrong passphrase makes nothing', async () => {
    const environment = w.vault().addEnvironment(w.vault().addTenant('Acme').id, 'prod', 'production');
    w.vault().addToken({
      environmentId: environment.id,
      label: 'CI_TOKEN',
      kind: 'api-key',
      provider: 'manual',
      secret: 'ci-secret-1234',
    });
    const backup = join(w.dir, 'vault.keyturn-backup');
    dialogs.answers.push(backup);
    value(await w.api['backup:save']({ currentPassword: STRONG, passphrase: 'backup passphrase 1' }));

    const fresh = await openWindow({
      dir: tempDir('window-restore-new'),
      context: { fileDialogs: createFileDialogs(dialogs) },
    });
    try {
      await fresh.page.getByRole('button', { name: 'Restore from an encrypted backup instead…' }).click();
      dialogs.answers.push(backup);
      await fresh.page.getByRole('button', { name: 'Choose a backup file…' }).click();
      await fresh.page.getByLabel('Backup passphrase').fill('not it');
      await fresh.page.getByRole('button', { name: 'Open backup' }).click();
      await fresh.page.getByRole('alert').waitFor();
      expect(existsSync(fresh.context.vaultPath)).toBe(false);
      await fresh.page.getByLabel('Backup passphrase').fill('backup passphrase 1');
      await fresh.page.getByRole('button', { name: 'Open backup' }).click();
      await fresh.page.getByText(/holds 1 tenant, 1 environment and 1 token/).waitFor();
      expect(await inspect(fresh.page, 'onboarding-restore-new')).toEqual([]);
      await fresh.page.getByLabel('New master password').fill('another strong password');
      await fresh.page.getByLabel('Repeat it').fill('another strong password');
      await fresh.page.getByRole('button', { name: 'Restore the vault' }).click();
      const key = (await fresh.page.getByLabel('Recovery key', { exact: true }).textContent()) ?? '';
      await fresh.page.getByLabel('To continue, type the last group of the key').fill(key.split('-').at(-1) ?? '');
      await fresh.page.getByRole('button', { name: 'I have saved it' }).click();
      await fresh.page.getByRole('searchbox', { name: 'Search tokens' }).waitFor();
      const token = fresh.vault().listTokens()[0];
      expect(token?.label).toBe('CI_TOKEN');
      expect(fresh.vault().openSecret(token?.id ?? '')).toBe('ci-secret-1234');
    } finally {
      await fresh.close();
    }
  });
});
