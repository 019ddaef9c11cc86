/**
 * Issue 13 item 6 in the window: first run. The strength meter comes from zxcvbn-ts (lazy-loaded);
 * the recovery key is saved through main's save dialog or printed, and the user types its last
 * group before continuing. The key saved and shown opens the vault.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileDialogs } from '../../../src/main/electron/file-dialogs';
import { openVault } from '../../../src/main/vault/index';
import { FakeDialogs } from '../../support/fake-dialogs';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { closeAll, inspect, openWindow, POLL, type TestWindow } from './harness';

let w: TestWindow;
const dialogs = new FakeDialogs();
const STRONG = 'marble otter cactus lantern';

beforeAll(async () => {
  w = await openWindow({ context: { fileDialogs: createFileDialogs(dialogs) } });
  await w.page.evaluate('window.printed = 0; window.print = () => { window.printed += 1; };');
});

afterAll(async () => {
  await w?.close();
  await closeAll();
});

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
});
