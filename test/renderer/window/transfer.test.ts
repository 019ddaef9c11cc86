/**
 * Issue 13 item 4 in the window: .env import (preview, then apply), export after the plaintext
 * warning, encrypted backup save and restore in place. File dialogs are faked at the OS edge
 * (test/support/fake-dialogs.ts); everything behind them is real. Each step is checked in the
 * vault or the file afterwards; a wrong passphrase or a damaged backup changes nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileDialogs } from '../../../src/main/electron/file-dialogs';
import { FakeDialogs } from '../../support/fake-dialogs';
import { closeWindow, inspect, openWindow, PASSWORD, POLL, type TestWindow } from './harness';
import { seedVault } from './seed';

let w: TestWindow;
const dialogs = new FakeDialogs();
const PASSPHRASE = 'a separate backup passphrase';

beforeAll(async () => {
  w = await openWindow({ vault: 'unlocked', context: { fileDialogs: createFileDialogs(dialogs) } });
  seedVault(w.vault());
  const staging = w
    .vault()
    .listEnvironments()
    .find((environment) => environment.name === 'staging');
  w.vault().addToken({
    environmentId: staging?.id ?? '',
    label: 'API_TOKEN',
    kind: 'api-key',
    provider: 'manual',
    secret: 'old-value-1234',
  });
  await w.reload();
  await w.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Import and export' }).click();
});

afterAll(() => closeWindow(w));

const pane = () => w.page.getByRole('region', { name: 'Import and export' });
const secretOf = (label: string): string | null => {
  const token = w
    .vault()
    .listTokens()
    .find((t) => t.label === label);
  return token === undefined ? null : w.vault().openSecret(token.id);
};
const labels = (): string[] =>
  w
    .vault()
    .listTokens()
    .map((t) => t.label)
    .sort();
/** The vault's database and WAL (SQLite's -shm index changes on reads: not vault data). */
const vaultFiles = (): string => {
  const hash = createHash('sha256');
  for (const name of readdirSync(w.dir).sort())
    if (name.startsWith('vault.db') && !name.endsWith('-shm'))
      hash.update(name).update(readFileSync(join(w.dir, name)));
  return hash.digest('hex');
};

describe('import a .env file', () => {
  it('previews new, same, changed and skipped lines, then writes only what the user chose', async () => {
    const file = join(w.dir, 'staging.env');
    writeFileSync(
      file,
      '# staging\nNEW_ONE=new-value-5678\nAPI_TOKEN=new-value-9999\nEMPTY=\nthis is not a variable\n',
    );
    expect(await inspect(w.page, 'transfer')).toEqual([]);
    await pane().getByLabel('Import into').selectOption({ label: 'Beta › staging' });
    dialogs.answers.push(file);
    await pane().getByRole('button', { name: 'Choose a .env file…' }).click();
    const preview = w.page.getByRole('dialog');
    await preview.getByText('staging.env').waitFor();
    const rowOf = (name: string) => preview.locator('tbody tr', { hasText: name });
    expect(await rowOf('NEW_ONE').textContent()).toContain('New');
    expect(await rowOf('API_TOKEN').textContent()).toContain('Changed');
    expect(await rowOf('EMPTY').textContent()).toMatch(/Skipped.*empty/);
    expect(await preview.locator('tbody tr', { hasText: 'not a variable' }).count()).toBe(1);
    expect(secretOf('NEW_ONE')).toBe(null);
    expect(await inspect(w.page, 'transfer-import-preview')).toEqual([]);

    await preview.getByRole('checkbox').check();
    await preview.getByRole('button', { name: 'Import 2 tokens' }).click();
    await expect.poll(() => secretOf('NEW_ONE'), POLL).toBe('new-value-5678');
    expect(secretOf('API_TOKEN')).toBe('new-value-9999');
    expect(secretOf('EMPTY')).toBe(null);
  });

  it('cancel writes nothing', async () => {
    const file = join(w.dir, 'again.env');
    writeFileSync(file, 'ANOTHER=value-4321\n');
    dialogs.answers.push(file);
    await pane().getByRole('button', { name: 'Choose a .env file…' }).click();
    await w.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => w.page.getByRole('dialog').count(), POLL).toBe(0);
    expect(secretOf('ANOTHER')).toBe(null);
  });
});

describe('export an environment', () => {
  it('exports only after the plaintext warning is acknowledged, to an owner-only file', async () => {
    await pane().getByLabel('Export from').selectOption({ label: 'Beta › staging' });
    await pane().getByRole('radio', { name: 'JSON' }).check();
    const button = pane().getByRole('button', { name: 'Export…' });
    expect(await button.isDisabled()).toBe(true);
    await pane().getByRole('checkbox', { name: 'I understand the file is not encrypted' }).check();
    const target = join(w.dir, 'staging.json');
    dialogs.answers.push(target);
    await button.click();
    await pane().getByText(`to ${target}`).waitFor();
    const exported = JSON.parse(readFileSync(target, 'utf8')) as Record<string, string>;
    expect(exported).toMatchObject({ NEW_ONE: 'new-value-5678', API_TOKEN: 'new-value-9999' });
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(await inspect(w.page, 'transfer-exported')).toEqual([]);
  });
});

describe('encrypted backups', () => {
  const backup = () => join(w.dir, 'vault.keyturn-backup');

  it('saves a backup with the master password and a separate passphrase', async () => {
    await pane().getByRole('button', { name: 'Save a backup…' }).click();
    const dialog = w.page.getByRole('dialog');
    await dialog.getByLabel('Current master password').fill(PASSWORD);
    await dialog.getByLabel('Backup passphrase').fill(PASSPHRASE);
    await dialog.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    expect(await inspect(w.page, 'transfer-backup-save')).toEqual([]);
    dialogs.answers.push(backup());
    await dialog.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect.poll(() => existsSync(backup()), POLL).toBe(true);
    expect(readFileSync(backup(), 'utf8')).not.toContain('new-value-5678');
  });

  it('a wrong passphrase or a damaged backup changes nothing', async () => {
    w.vault().addToken({
      environmentId: w.vault().listEnvironments()[0]?.id ?? '',
      label: 'ADDED_AFTER_BACKUP',
      kind: 'api-key',
      provider: 'manual',
      secret: 'after-1234',
    });
    const before = vaultFiles();
    dialogs.answers.push(backup());
    await pane().getByRole('button', { name: 'Restore from a backup…' }).click();
    const dialog = w.page.getByRole('dialog');
    await dialog.getByLabel('Backup passphrase').fill('not the passphrase');
    await dialog.getByRole('button', { name: 'Open backup' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await inspect(w.page, 'transfer-restore-wrong-passphrase')).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(vaultFiles()).toBe(before);

    const damaged = join(w.dir, 'damaged.keyturn-backup');
    writeFileSync(damaged, readFileSync(backup(), 'utf8').slice(0, 200));
    dialogs.answers.push(damaged);
    await pane().getByRole('button', { name: 'Restore from a backup…' }).click();
    await w.page.getByRole('dialog').getByLabel('Backup passphrase').fill(PASSPHRASE);
    await w.page.getByRole('dialog').getByRole('button', { name: 'Open backup' }).click();
    await w.page.getByRole('dialog').getByRole('alert').waitFor();
    await w.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(vaultFiles()).toBe(before);
    expect(labels()).toContain('ADDED_AFTER_BACKUP');
  });

  it('restores in place after naming what goes; the vault then holds the backup', async () => {
    const backedUp = labels().filter((label) => label !== 'ADDED_AFTER_BACKUP');
    dialogs.answers.push(backup());
    await pane().getByRole('button', { name: 'Restore from a backup…' }).click();
    const dialog = w.page.getByRole('dialog');
    await dialog.getByLabel('Backup passphrase').fill(PASSPHRASE);
    await dialog.getByRole('button', { name: 'Open backup' }).click();
    const confirm = w.page.getByRole('alertdialog');
    await confirm.getByText(/replaces the vault you have open/).waitFor();
    expect(await confirm.textContent()).toContain(`${backedUp.length + 1} tokens go`);
    expect(await inspect(w.page, 'transfer-restore-confirm')).toEqual([]);
    await confirm.getByLabel('Current master password').fill(PASSWORD);
    await confirm.getByRole('button', { name: 'Replace the vault' }).click();

    const restored = w.page.getByRole('alertdialog', { name: 'Vault restored' });
    const key = (await restored.getByLabel('Recovery key').textContent()) ?? '';
    expect(key).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4})+$/);
    expect(labels()).toEqual(backedUp);
    expect(secretOf('NEW_ONE')).toBe('new-value-5678');
    expect(readdirSync(w.dir).some((name) => name.startsWith('vault.db.before-restore-'))).toBe(true);
    expect(await inspect(w.page, 'transfer-restored')).toEqual([]);
    await restored.getByRole('button', { name: 'I have saved it' }).click();
    await expect.poll(() => w.page.getByRole('alertdialog').count(), POLL).toBe(0);
  });
});
