/**
 * Issue 13 item 5 in the window: the command palette. Ctrl+K and main's `palette:open` (the global
 * shortcut) open it; fuzzy search over tokens, "Rotate …", tenants, environments and actions;
 * Enter copies a token (the OS clipboard holds it) or runs the action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWindow, inspect, openSeededWindow, POLL, unlockInWindow, type TestWindow } from './harness';

let w: TestWindow;

beforeAll(async () => {
  w = await openSeededWindow();
});

afterAll(() => closeWindow(w));

const palette = () => w.page.getByRole('dialog', { name: 'Command palette' });
const field = () => palette().getByRole('combobox');
const options = () => palette().getByRole('option');

async function openAndType(text: string): Promise<void> {
  await w.page.keyboard.press('Control+k');
  await field().fill(text);
}

describe('command palette', () => {
  it('opens with Ctrl+K showing the recently used tokens, then actions, and closes with Escape', async () => {
    await w.page.keyboard.press('Control+k');
    await expect.poll(() => options().first().textContent(), POLL).toMatch(/^Token/);
    expect(
      await options()
        .filter({ hasText: /^ActionLock/ })
        .count(),
    ).toBe(1);
    expect(await options().count()).toBeGreaterThan(5);
    expect(await inspect(w.page, 'palette')).toEqual([]);
    await w.page.keyboard.press('Escape');
    await expect.poll(() => palette().count(), POLL).toBe(0);
  });

  it('finds a token fuzzily and Enter copies it', async () => {
    await openAndType('sat adm');
    await expect.poll(() => options().first().textContent(), POLL).toMatch(/Token.*Acme › prod › Satori admin key/);
    expect(await palette().locator('[aria-selected="true"] mark').count()).toBeGreaterThan(0);
    expect(await inspect(w.page, 'palette-token')).toEqual([]);
    await w.page.keyboard.press('Enter');
    await expect.poll(() => w.os.text, POLL).toBe('sat-live-0123456789');
    expect(await palette().count()).toBe(0);
  });

  it('moves with the arrows; "Rotate …" opens the rotation for that token', async () => {
    await openAndType('rot haut');
    await expect.poll(() => options().first().textContent(), POLL).toMatch(/Rotate Acme › prod › Haut\.AI/);
    await w.page.keyboard.press('ArrowDown');
    expect(await palette().locator('[aria-selected="true"]').count()).toBe(1);
    await w.page.keyboard.press('ArrowUp');
    await w.page.keyboard.press('Enter');
    // A manual token: the rotation asks for the new value by hand.
    const rotation = w.page.getByRole('dialog', { name: 'Rotate Haut.AI company key by hand' });
    await rotation.waitFor();
    await rotation.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => w.page.getByRole('dialog').count(), POLL).toBe(0);
  });

  it('goes to an environment and to a screen', async () => {
    await openAndType('beta stag');
    await expect.poll(() => options().first().textContent(), POLL).toMatch(/Environment.*Beta › staging/);
    await w.page.keyboard.press('Enter');
    await w.page.getByRole('heading', { name: /staging/ }).waitFor();
    await openAndType('audit');
    await w.page.keyboard.press('Enter');
    await w.page.getByRole('region', { name: 'Audit log' }).waitFor();
    await openAndType('zzzz');
    await palette().getByText('Nothing matches “zzzz”.').waitFor();
    await w.page.keyboard.press('Escape');
  });

  it('"Lock" locks; main\'s palette:open while locked opens the palette once unlocked', async () => {
    await openAndType('lock');
    await w.page.keyboard.press('Enter');
    await w.page.getByLabel('Master password').waitFor();
    expect(w.context.session.current().state).not.toBe('unlocked');
    w.context.events?.emit('palette:open', {});
    await unlockInWindow(w.page);
    await palette().waitFor();
    await expect.poll(() => options().count(), POLL).toBeGreaterThan(5);
  });
});
