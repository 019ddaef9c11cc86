/**
 * Issue 13 items 7 and 8 in the window: a copy notice goes when the clipboard is cleared and when
 * the vault locks; forced-colors mode keeps the production marker visible.
 */
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWindow, openSeededWindow, POLL, SHOTS, unlockInWindow, type TestWindow } from './harness';

let w: TestWindow;
const LABEL = 'Satori admin key';

beforeAll(async () => {
  w = await openSeededWindow({ fakeTimers: true });
});

afterAll(() => closeWindow(w));

const notice = () => w.page.locator('footer.notice');
const row = () => w.page.locator('.token-row', { hasText: LABEL });

/** A computed style of the element (the node tsconfig has no DOM globals: reached through its window). */
const styleOf = (locator: Locator, property: string): Promise<string> =>
  locator.evaluate(
    (element, name) => element.ownerDocument.defaultView?.getComputedStyle(element).getPropertyValue(name) ?? '',
    property,
  );

async function copy(): Promise<void> {
  await row()
    .getByRole('button', { name: `Copy ${LABEL}` })
    .click();
  await expect.poll(() => notice().textContent(), POLL).toContain(`${LABEL} copied — the clipboard clears in 20 s`);
}

describe('notices belong to their moment', () => {
  it('the copy notice goes when the clipboard is cleared', async () => {
    await copy();
    // The installed clock also moves with the wall clock between the steps: a loaded machine has
    // added seconds there (a run at load 12 saw the notice gone after 19 s), so the checks keep a margin.
    await w.page.clock.runFor(15_000);
    expect(await notice().textContent()).toContain('copied');
    await w.page.clock.runFor(6_000);
    await expect.poll(() => notice().textContent(), POLL).not.toContain('copied');
  });

  it('a newer notice is not cut short by the older one’s clearing', async () => {
    await copy();
    await w.page.clock.runFor(10_000);
    await copy();
    await w.page.clock.runFor(12_000);
    expect(await notice().textContent()).toContain('copied');
    await w.page.clock.runFor(9_000);
    await expect.poll(() => notice().textContent(), POLL).not.toContain('copied');
  });

  it('the copy notice goes when the vault locks, and does not come back on unlock', async () => {
    await copy();
    await w.page.keyboard.press('Control+l');
    await w.page.getByLabel('Master password').waitFor();
    await unlockInWindow(w.page);
    await row().waitFor();
    expect(await notice().textContent()).not.toContain('copied');
  });
});

describe('forced colours', () => {
  it('keeps the production marker: a filled PROD pill and a stripe on the row', async () => {
    await w.page.emulateMedia({ forcedColors: 'active' });
    const pill = row().locator('.pill.prod');
    const pillStyle = { background: await styleOf(pill, 'background-color'), color: await styleOf(pill, 'color') };
    expect(pillStyle.background).not.toBe('rgba(0, 0, 0, 0)');
    expect(pillStyle.background).not.toBe(pillStyle.color);
    expect(await styleOf(row(), 'border-inline-start-width')).toBe('4px');
    const navItem = w.page.locator('.nav-item.production').first();
    expect(await styleOf(navItem, 'border-inline-start-width')).toBe('4px');
    await w.page.screenshot({ path: join(SHOTS, 'forced-colors.png') });
    await w.page.emulateMedia({ forcedColors: 'none' });
    expect(await styleOf(row(), 'border-inline-start-width')).toBe('0px');
  });
});
