/**
 * What the bench measures inside the page, with the page's own clock (performance.now), so the
 * Playwright round trips that start and collect a probe are not in the figures. Written as page
 * scripts (strings): the bench's TypeScript has no DOM types.
 */
import type { Page } from 'playwright-core';

/** "Painted": the frame after the DOM changed has run (rAF), then the task after it. */
const PAINTED = 'new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)))';

/**
 * Clicks Unlock (the password already typed); ms until the first token row with a label is
 * painted. It also notes when the sidebar's tenants are painted (sidebarPainted): the window draws
 * them at a lower priority than the rows.
 */
export function unlockToFirstRows(page: Page): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve) => {
    const start = performance.now();
    window.__benchSidebar = null;
    const sidebar = new MutationObserver(() => {
      if (!document.querySelector('ul[aria-labelledby="tenants-heading"] > li')) return;
      sidebar.disconnect();
      ${PAINTED}.then(() => { window.__benchSidebar = performance.now() - start; });
    });
    sidebar.observe(document.body, { childList: true, subtree: true });
    const observer = new MutationObserver(() => {
      if (!document.querySelector('.token-row .token-label')?.textContent) return;
      observer.disconnect();
      ${PAINTED}.then(() => resolve(performance.now() - start));
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    document.querySelector('form[aria-label="Unlock the vault"] button[type=submit]').click();
  })`);
}

/** After unlockToFirstRows: ms from the click until the sidebar's tenants were painted. */
export async function sidebarPainted(page: Page): Promise<number> {
  await page.waitForFunction('window.__benchSidebar !== null');
  return page.evaluate<number>('window.__benchSidebar');
}

export interface KeystrokeTimes {
  /** keydown → the list's query answered (main + transport). */
  readonly answered: number;
  /** keydown → the updated list painted. */
  readonly painted: number;
}

/**
 * Arms the probe for the keystroke that makes the search read `text`; resolves once that query's
 * answer is painted. Start it, press the key, then await it.
 */
export function keystrokeToPainted(page: Page, text: string): Promise<KeystrokeTimes> {
  return page.evaluate<KeystrokeTimes>(`new Promise((resolve) => {
    let start = 0;
    document.addEventListener('keydown', () => { start = performance.now(); }, { capture: true, once: true });
    window.__benchProbe.onAnswer = (action, input) => {
      if (action !== 'queryTokens' || input.text !== ${JSON.stringify(text)} || start === 0) return;
      window.__benchProbe.onAnswer = null;
      const answered = performance.now() - start;
      ${PAINTED}.then(() => resolve({ answered, painted: performance.now() - start }));
    };
  })`);
}

/** Scrolls the token list by `step` px a frame for `frames` frames; the frame intervals in ms. */
export function scrollFrameTimes(page: Page, frames: number, step: number): Promise<number[]> {
  return page.evaluate<number[]>(`new Promise((resolve) => {
    const list = document.getElementById('token-list');
    const intervals = [];
    let last = 0;
    const tick = (now) => {
      if (last !== 0) intervals.push(now - last);
      last = now;
      list.scrollTop += ${step};
      if (intervals.length < ${frames}) requestAnimationFrame(tick);
      else resolve(intervals);
    };
    requestAnimationFrame(tick);
  })`);
}

/** Probes are armed before the key is pressed; this arms, presses and waits. */
export async function typeMeasured(page: Page, key: string, text: string): Promise<KeystrokeTimes> {
  const probe = keystrokeToPainted(page, text);
  // The probe's listeners must be in place before the key goes down.
  await page.evaluate('0');
  await page.keyboard.press(key);
  return probe;
}
