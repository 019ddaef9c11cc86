/**
 * Issue 13 item 2 in the window: tray favourites. Pin from the list's menu and from the detail
 * pane, reorder and unpin in Settings; each step is read back from the vault's settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { value } from '../../support/api-fixture';
import { closeWindow, inspect, openSeededWindow, POLL, type TestWindow } from './harness';

let w: TestWindow;

beforeAll(async () => {
  w = await openSeededWindow();
});

afterAll(() => closeWindow(w));

const pins = async (): Promise<readonly string[]> => value(await w.api['settings:get']({})).trayPinnedTokenIds;
const idOf = (label: string): string =>
  w
    .vault()
    .listTokens()
    .find((token) => token.label === label)?.id ?? '';
const rows = () => w.page.locator('[role="row"][aria-selected]');

describe('tray favourites', () => {
  it("pins from a row's menu and from the detail pane, in that order", async () => {
    await expect.poll(() => rows().count(), POLL).toBe(5);
    await rows().filter({ hasText: 'Satori admin key' }).click({ button: 'right' });
    await w.page.getByRole('menuitem', { name: 'Pin to the tray' }).click();
    await expect.poll(pins, POLL).toEqual([idOf('Satori admin key')]);

    await rows().filter({ hasText: 'Staging deploy key' }).click();
    const pin = w.page.getByRole('button', { name: 'Pin to tray' });
    expect(await pin.getAttribute('aria-pressed')).toBe('false');
    await pin.click();
    await expect.poll(pins, POLL).toEqual([idOf('Satori admin key'), idOf('Staging deploy key')]);
    await expect.poll(() => pin.getAttribute('aria-pressed'), POLL).toBe('true');
    expect(await inspect(w.page, 'detail-pinned')).toEqual([]);

    await rows().filter({ hasText: 'Satori admin key' }).click({ button: 'right' });
    await w.page.getByRole('menuitem', { name: 'Unpin from the tray' }).waitFor();
    await w.page.keyboard.press('Escape');
  });

  it('reorders and unpins in Settings', async () => {
    await w.page.keyboard.press('Control+,');
    const list = w.page.getByRole('list', { name: 'Tray favourites' });
    await expect
      .poll(() => list.getByRole('listitem').allTextContents(), POLL)
      .toEqual([
        expect.stringContaining('Acme / prod / Satori admin key'),
        expect.stringContaining('Beta / staging / Staging deploy key'),
      ]);
    await list.getByRole('listitem').first().scrollIntoViewIfNeeded();
    expect(await inspect(w.page, 'settings-favourites')).toEqual([]);
    await list.getByRole('button', { name: 'Move Acme / prod / Satori admin key down' }).click();
    await expect.poll(pins, POLL).toEqual([idOf('Staging deploy key'), idOf('Satori admin key')]);
    await expect.poll(() => list.getByRole('listitem').first().textContent(), POLL).toContain('Staging deploy key');
    await list.getByRole('button', { name: 'Unpin Beta / staging / Staging deploy key' }).click();
    await expect.poll(pins, POLL).toEqual([idOf('Satori admin key')]);
  });
});
