/**
 * Issue 12 item 5 in the window: reveal (explicit, audited, hidden after 30 s, on blur and on lock)
 * and copy / copy fresh from the row, the detail pane, the context menu, Enter and Ctrl+C; focus
 * on a button never copies. The clipboard is the OS fake behind main's SecretClipboard.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditActions, closeWindow, inspect, openSeededWindow, POLL, unlockInWindow, type TestWindow } from './harness';

let w: TestWindow;
const SECRET = 'sat-live-0123456789';
const LABEL = 'Satori admin key';

beforeAll(async () => {
  w = await openSeededWindow({ fakeTimers: true });
  await w.page.getByRole('searchbox', { name: 'Search tokens' }).fill('Satori admin');
  await w.page.locator('.token-row[aria-selected]').first().waitFor();
  await detail().getByRole('heading', { name: LABEL }).waitFor();
});

beforeEach(() => {
  w.os.text = '';
});

afterAll(() => closeWindow(w));

const detail = () => w.page.getByRole('complementary', { name: 'Token details' });
const copied = () => expect.poll(() => w.os.text, POLL).toBe(SECRET);
const notice = () => w.page.locator('footer.notice');

describe('copy', () => {
  it('copies from the row’s button, in main, and says when the clipboard clears', async () => {
    await w.page.locator('.token-row').first().hover();
    await w.page.getByRole('button', { name: `Copy ${LABEL}` }).click();
    await copied();
    expect(await notice().textContent()).toBe(`${LABEL} copied — the clipboard clears in 20 s`);
    expect(await w.page.content()).not.toContain(SECRET);
  });

  it('copies with Enter and Ctrl+C on the list, and copies fresh with Ctrl+Shift+C', async () => {
    await w.page.locator('#token-list').focus();
    await w.page.keyboard.press('Enter');
    await copied();
    w.os.text = '';
    await w.page.keyboard.press('Control+c');
    await copied();
    w.os.text = '';
    await w.page.keyboard.press('Control+Shift+c');
    await copied();
    expect(await notice().textContent()).toMatch(/refreshed and copied/);
  });

  it('copies from the detail pane and from the context menu (Shift+F10 and right click)', async () => {
    await detail().getByRole('button', { name: 'Copy', exact: true }).click();
    await copied();
    w.os.text = '';
    await w.page.locator('#token-list').focus();
    await w.page.keyboard.press('Shift+F10');
    const menu = w.page.getByRole('menu');
    await menu.waitFor();
    expect(await inspect(w.page, 'menu-token-context')).toEqual([]);
    await w.page.keyboard.press('Enter');
    await copied();
    w.os.text = '';
    await w.page.locator('.token-row').first().click({ button: 'right' });
    await w.page.getByRole('menuitem', { name: /Copy fresh/ }).click();
    await copied();
  });

  it('never copies when a focused button gets Enter (Lock locks, nothing is copied)', async () => {
    await w.page.getByRole('button', { name: 'Lock' }).focus();
    await w.page.keyboard.press('Enter');
    await w.page.getByLabel('Master password').waitFor();
    expect(w.os.text).toBe('');
    await unlockInWindow(w.page);
    await w.page.getByRole('searchbox', { name: 'Search tokens' }).fill('Satori admin');
    await expect.poll(() => w.page.locator('.token-row[aria-selected]').count(), POLL).toBe(1);
    await detail().getByRole('button', { name: 'Edit…' }).focus();
    await w.page.keyboard.press('Control+c');
    expect(w.os.text).toBe('');
    expect(await auditActions(w.api)).toContain('copy');
  });
});

describe('reveal', () => {
  const secretShown = () => detail().locator('output[aria-label="Secret value"]');

  it('shows the secret only on request, audited, and hides it after 30 seconds', async () => {
    expect(await secretShown().count()).toBe(0);
    const before = (await auditActions(w.api)).filter((action) => action === 'reveal').length;
    await detail().getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => secretShown().textContent(), POLL).toBe(SECRET);
    expect((await auditActions(w.api)).filter((action) => action === 'reveal').length).toBe(before + 1);
    expect(await inspect(w.page, 'detail-revealed')).toEqual([]);
    await w.page.clock.fastForward(31_000);
    await expect.poll(() => secretShown().count(), POLL).toBe(0);
    expect(await w.page.content()).not.toContain(SECRET);
  });

  it('hides it when the window loses focus', async () => {
    await detail().getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => secretShown().count(), POLL).toBe(1);
    await w.page.evaluate("window.dispatchEvent(new Event('blur'))");
    await expect.poll(() => secretShown().count(), POLL).toBe(0);
  });

  it('drops it when the vault locks', async () => {
    await detail().getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => secretShown().count(), POLL).toBe(1);
    w.context.session.lock('idle');
    await w.page.getByLabel('Master password').waitFor();
    expect(await w.page.content()).not.toContain(SECRET);
    await unlockInWindow(w.page);
    expect(await w.page.content()).not.toContain(SECRET);
    expect(w.pageErrors).toEqual([]);
  });
});
