/**
 * Relative times stay true in a window left open: the detail pane's "in 3 days" moves on with the
 * page's clock (once a minute), and a list badge's tooltip is worked out again when the pointer
 * comes onto it, though the memoised row is not rendered again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWindow, openSeededWindow, POLL, type TestWindow } from './harness';

let w: TestWindow;

beforeAll(async () => {
  w = await openSeededWindow({ fakeTimers: true });
});

afterAll(() => closeWindow(w));

const detail = () => w.page.getByRole('complementary', { name: 'Token details' });
const HOURS_48 = '48:00:00';

describe('relative times in a window left open', () => {
  it('moves the detail pane and the badge tooltip on as days pass', async () => {
    await w.page.getByRole('searchbox', { name: 'Search tokens' }).fill('Haut.AI');
    await expect.poll(() => w.page.locator('[role="row"][aria-selected]').count(), POLL).toBe(1);
    await w.page.locator('.token-row').first().click();
    await detail().getByRole('heading', { name: 'Haut.AI company key' }).waitFor();
    const expires = detail().locator('dd').first();
    expect(await expires.textContent()).toMatch(/in 3 days · /);
    const badge = w.page.locator('.token-row').first().locator('.expiry-badge');
    await badge.hover();
    expect(await badge.getAttribute('title')).toBe('in 3 days');

    await w.page.mouse.move(0, 0);
    // 72 hours less the seconds the steps took, less 48: just under a day, said in hours.
    await w.page.clock.fastForward(HOURS_48);
    await expect.poll(() => expires.textContent(), POLL).toMatch(/in 24 hours · /);
    await badge.hover();
    expect(await badge.getAttribute('title')).toBe('in 24 hours');
    expect(w.pageErrors).toEqual([]);
  });
});
