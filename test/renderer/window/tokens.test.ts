/**
 * Issue 12 items 3 and 4 in the window: add a token by pasting it (recognised, pre-filled,
 * editable), edit and delete it, and the detail pane (facts in words, versions, the rotation
 * policy edited), checked in the window and in the vault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../src/main/lifecycle/expiry';
import { closeWindow, inspect, openSeededWindow, POLL, type TestWindow } from './harness';
import { fakeJwt } from './jwt';

let w: TestWindow;
const now = Date.now();
const exp = Math.floor((now + 3 * DAY_MS + 3_600_000) / 1000);
const JWT = fakeJwt({ iss: 'https://auth.satori.example', env: 'production', iat: Math.floor(now / 1000), exp });

beforeAll(async () => {
  w = await openSeededWindow();
});

afterAll(() => closeWindow(w));

const dialog = () => w.page.getByRole('dialog');
const detail = () => w.page.getByRole('complementary', { name: 'Token details' });
const tokenNamed = (label: string) =>
  w
    .vault()
    .listTokens()
    .find((token) => token.label === label);

async function selectByLabel(label: string): Promise<void> {
  await w.page.getByRole('searchbox', { name: 'Search tokens' }).fill(label);
  await expect.poll(() => w.page.locator('[role="row"][aria-selected]').count(), POLL).toBe(1);
  await w.page.locator('.token-row').first().click();
  await detail().getByRole('heading', { name: label }).waitFor();
}

describe('add a token by pasting it', () => {
  it('recognises the paste and pre-fills provider, kind, environment and the JWT’s expiry', async () => {
    await w.page.getByRole('button', { name: 'Add token', exact: true }).click();
    await dialog().getByLabel('Token', { exact: true }).fill(JWT);
    await dialog().getByText('Recognised: Satori · API key · Production.').waitFor();
    await expect.poll(() => dialog().getByLabel('Provider').inputValue(), POLL).toBe('satori');
    expect(await dialog().getByLabel('Kind').inputValue()).toBe('api-key');
    expect(await dialog().getByRole('combobox', { name: 'Environment' }).inputValue()).toBe('Acme › prod');
    expect(await dialog().getByLabel('Expires on').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await dialog().getByLabel('Label').fill('Satori CI');
    await dialog().getByLabel('Tags').fill('ci, deploy');
    await dialog().getByLabel('Notes').fill('Rotated by the platform team.');
    expect(await inspect(w.page, 'dialog-add-token')).toEqual([]);
    await dialog().getByRole('button', { name: 'Add token' }).click();
    await dialog().waitFor({ state: 'detached' });
    const token = tokenNamed('Satori CI');
    expect(token).toMatchObject({
      provider: 'satori',
      kind: 'api-key',
      expiresAt: exp * 1000,
      expirySource: 'jwt',
      tags: ['ci', 'deploy'],
      notes: 'Rotated by the platform team.',
    });
    expect(await w.page.content()).not.toContain(JWT);
  });

  it('refuses a token without an environment in a sentence, and adds it once one is chosen', async () => {
    await w.page.keyboard.press('Control+n');
    await dialog().getByLabel('Token', { exact: true }).fill('plain-value-123');
    await dialog().getByText('Not recognised: fill in the fields below.').waitFor();
    await dialog().getByLabel('Label').fill('Plain');
    await dialog().getByRole('button', { name: 'Add token' }).click();
    await dialog().getByRole('alert').getByText('Choose the environment the token belongs to.').waitFor();
    await dialog().getByRole('combobox', { name: 'Environment' }).fill('Beta');
    await w.page.getByRole('option', { name: /Beta.*staging/ }).click();
    await dialog().getByRole('button', { name: 'Add token' }).click();
    await dialog().waitFor({ state: 'detached' });
    expect(tokenNamed('Plain')).toMatchObject({ provider: 'manual', kind: 'manual', expiresAt: null });
  });
});

describe('the detail pane', () => {
  it('shows the token in words: expiry relative and absolute, provider, kind, environment, tags, notes', async () => {
    await selectByLabel('Satori CI');
    const text = (await detail().textContent()) ?? '';
    expect(text).toMatch(/in 3 days · [A-Z][a-z]{2} \d{1,2}, \d{4} \(read from the token\)/);
    expect(text).toContain('Satori');
    expect(text).toContain('API key');
    expect(text).toContain('Acme › prod (Production)');
    expect(text).toContain('Never used from Keyturn');
    expect(text).toContain('deploy');
    expect(text).toContain('Rotated by the platform team.');
    expect(text).toMatch(/Not connected/);
    expect(await inspect(w.page, 'detail-overview')).toEqual([]);
  });

  it('lists the versions, never a secret', async () => {
    await detail().getByRole('tab', { name: 'History' }).click();
    const table = detail().getByRole('table');
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(2);
    expect(await table.getByRole('cell', { name: 'Current' }).count()).toBe(1);
    expect(await inspect(w.page, 'detail-history')).toEqual([]);
    expect(await w.page.content()).not.toContain(JWT);
  });

  it('edits the rotation policy', async () => {
    await detail().getByRole('tab', { name: 'Rotation' }).click();
    await detail().getByLabel('Every (days)').fill('30');
    await detail().getByLabel('Grace (minutes)').fill('15');
    await detail().getByRole('button', { name: 'Save policy' }).click();
    await expect.poll(() => tokenNamed('Satori CI')?.rotationPolicy, POLL).toEqual({ everyDays: 30, graceMinutes: 15 });
    await detail().getByText('Keyturn reminds you to rotate it every 30 days.').waitFor();
    expect(await inspect(w.page, 'detail-rotation-policy')).toEqual([]);
  });

  it('shows a 200-character label in full without breaking the layout', async () => {
    const long = `Very long label ${'x'.repeat(184)}`;
    const env = w.vault().listEnvironments()[0]?.id ?? '';
    w.vault().addToken({ environmentId: env, label: long, kind: 'manual', provider: 'manual', secret: 'long-1' });
    await selectByLabel(long);
    const title = detail().getByRole('heading', { name: long });
    expect(await title.textContent()).toBe(long);
    const box = await title.boundingBox();
    const pane = await detail().boundingBox();
    expect(box !== null && pane !== null && box.width <= pane.width).toBe(true);
    const row = await w.page.locator('.token-row .token-label').first().boundingBox();
    expect(row?.width ?? 0).toBeGreaterThan(100);
    expect(await w.page.locator('.token-row .token-label').first().getAttribute('title')).toBe(long);
    await inspect(w.page, 'detail-long-label');
  });
});

describe('edit and delete', () => {
  it('edits label, tags and notes from the keyboard (Ctrl+E on the list)', async () => {
    await selectByLabel('Plain');
    await w.page.locator('#token-list').focus();
    await w.page.keyboard.press('Control+e');
    await dialog().getByLabel('Label').fill('Plain renamed');
    await dialog().getByLabel('Tags').fill('one, two');
    await dialog().getByLabel('Notes').fill('New notes');
    expect(await inspect(w.page, 'dialog-edit-token')).toEqual([]);
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().waitFor({ state: 'detached' });
    expect(tokenNamed('Plain renamed')).toMatchObject({ tags: ['one', 'two'], notes: 'New notes' });
    await expect.poll(() => w.page.evaluate<string>('document.activeElement?.id ?? ""'), POLL).toBe('token-list');
  });

  it('deletes after a confirmation (Delete on the list)', async () => {
    await selectByLabel('Plain renamed');
    await w.page.locator('#token-list').focus();
    await w.page.keyboard.press('Delete');
    const confirm = w.page.getByRole('alertdialog');
    await confirm.getByText('This cannot be undone.', { exact: false }).waitFor();
    expect(await inspect(w.page, 'dialog-delete-token')).toEqual([]);
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => tokenNamed('Plain renamed'), POLL).toBeUndefined();
    expect(w.pageErrors).toEqual([]);
  });
});
