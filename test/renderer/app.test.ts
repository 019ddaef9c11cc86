/**
 * The renderer in Chromium (test/support/chromium.ts), driven through the bridge: the page talks to the real api
 * handlers over a real vault file. Screenshots go to test-results/renderer/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers, createWindowEvents, type AppContext } from '../../src/main/api';
import { DAY_MS, MINUTE_MS } from '../../src/main/lifecycle/expiry';
import { createTestContext } from '../support/api-fixture';
import { launchChromium } from '../support/chromium';
import type { FakeOsClipboard } from '../support/fake-os-clipboard';
import { buildRenderer } from '../support/renderer-build';
import { installBridge, serveStatic, type StaticServer } from './bridge';

const PASSWORD = 'correct horse battery';
const SHOTS = resolve('test-results/renderer');
/** The machine is shared: give slow steps (a KDF run) time, without asserting on timings. */
const POLL = { timeout: 10_000, interval: 50 };

let dir: string;
let server: StaticServer;
let browser: Browser;
let page: Page;
let context: AppContext;
let os: FakeOsClipboard;
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keyturn-renderer-'));
  mkdirSync(SHOTS, { recursive: true });
  const outDir = join(dir, 'renderer');
  await buildRenderer(outDir);
  server = await serveStatic(outDir);

  // Main's events reach the page through the bridge, as webContents.send does in Electron.
  const events = createWindowEvents();
  ({ context, os } = createTestContext(dir, { events }));

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 980, height: 680 } });
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await installBridge(page, createApiHandlers(context), events);
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  context?.session.lock('user');
  rmSync(dir, { recursive: true, force: true });
});

/** Adds tokens straight through the unlocked vault (the GUI has no add form yet). */
function seedTokens(): void {
  const session = context.session.current();
  if (session.state !== 'unlocked') throw new Error('expected an unlocked vault');
  const vault = session.vault;
  const acme = vault.addTenant('Acme');
  const prod = vault.addEnvironment(acme.id, 'prod', 'production');
  const dev = vault.addEnvironment(acme.id, 'dev', 'development');
  const now = Date.now();
  vault.addToken({
    environmentId: prod.id,
    label: 'Satori admin key',
    kind: 'api-key',
    provider: 'satori',
    secret: 'sat-live-0123456789',
    expiresAt: now + 90 * DAY_MS,
  });
  vault.addToken({
    environmentId: prod.id,
    label: 'Haut.AI company key',
    kind: 'api-key',
    provider: 'haut-ai',
    secret: 'haut-9876',
    expiresAt: now + 3 * DAY_MS,
  });
  vault.addToken({
    environmentId: dev.id,
    label: 'Syft Space session',
    kind: 'session',
    provider: 'syft-space',
    secret: 'eyJ.dev',
    expiresAt: now - MINUTE_MS,
  });
  vault.addToken({
    environmentId: dev.id,
    label: 'SynapTask manual token',
    kind: 'manual',
    provider: 'synaptask',
    secret: 'syn-1',
  });
}

describe('Keyturn window in Chromium', () => {
  it('creates a vault and shows the recovery key once', async () => {
    await page.getByLabel('Master password').fill(PASSWORD);
    await page.getByLabel('Repeat it').fill(PASSWORD);
    await page.screenshot({ path: join(SHOTS, '01-create.png') });
    await page.getByRole('button', { name: 'Create vault' }).click();
    const key = page.getByLabel('Recovery key', { exact: true });
    await expect.poll(async () => (await key.textContent())?.length ?? 0, POLL).toBeGreaterThan(20);
    await page.screenshot({ path: join(SHOTS, '02-recovery-key.png') });
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await page.getByRole('searchbox', { name: 'Search tokens' }).waitFor();
    expect(await page.getByLabel('Recovery key', { exact: true }).count()).toBe(0);
  });

  it('locks from the keyboard and shows a clear error on a wrong password', async () => {
    seedTokens();
    await page.keyboard.press('Control+l');
    const field = page.getByLabel('Master password');
    await field.waitFor();
    expect(await page.getByText('4 tokens · locked').count()).toBe(1);
    await field.fill('not my password');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/wrong|incorrect|password/i);
    expect(await field.inputValue()).toBe('');
    await page.screenshot({ path: join(SHOTS, '03-wrong-password.png') });
  });

  it('unlocks and lists tokens with production marked and expiry states', async () => {
    await page.getByLabel('Master password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    const rows = page.getByRole('option');
    await expect.poll(() => rows.count(), POLL).toBe(4);
    expect(await page.getByText('⚠ PROD').count()).toBe(2);
    expect(await page.locator('.expiry-badge', { hasText: /^Expired/ }).count()).toBe(1);
    expect(await page.locator('.expiry-badge', { hasText: /^Expiring/ }).count()).toBe(1);
    expect(await page.locator('.expiry-badge', { hasText: /^Valid/ }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, '04-token-list.png') });
    console.log(`${await rows.count()} token rows shown, ${pageErrors.length} page errors`);
  });

  it('searches as you type and copies the selected token with Enter, in main', async () => {
    await page.keyboard.press('Control+f');
    await page.keyboard.type('satori');
    await expect.poll(() => page.getByRole('option').count(), POLL).toBe(1);
    await page.keyboard.press('Enter');
    await page.getByText(/copied — the clipboard clears in 20 s/).waitFor();
    expect(os.text).toBe('sat-live-0123456789');
    expect(await page.content()).not.toContain('sat-live-0123456789');
    await page.screenshot({ path: join(SHOTS, '05-copied.png') });
  });

  it('renders only the rows in view of a long list', async () => {
    const session = context.session.current();
    if (session.state !== 'unlocked') throw new Error('expected an unlocked vault');
    const bulk = session.vault.addEnvironment(session.vault.listTenants()[0]?.id ?? '', 'bulk', 'test');
    for (let index = 0; index < 300; index++) {
      session.vault.addToken({
        environmentId: bulk.id,
        label: `Bulk token ${index}`,
        kind: 'manual',
        provider: 'manual',
        secret: `bulk-${index}`,
      });
    }
    await page.getByRole('searchbox', { name: 'Search tokens' }).press('Escape');
    await page.getByText('304 tokens').waitFor();
    const rendered = await page.locator('.token-row').count();
    expect(rendered).toBeLessThan(40);
    await page.keyboard.press('PageDown');
    expect(await page.locator('.token-row.selected').getAttribute('id')).toBe('token-10');
    await page.keyboard.press('Control+End');
    await page.locator('#token-303.selected').waitFor();
    expect(await page.locator('.token-row').count()).toBeLessThan(40);
    await page.screenshot({ path: join(SHOTS, '06-long-list-end.png') });
    console.log(`304 tokens listed, ${rendered} rows in the DOM`);
  });

  it('returns to the locked screen when main locks (idle)', async () => {
    // Only main locks: the session:changed event is what brings the page back to the locked screen.
    context.session.lock('idle');
    await page.getByLabel('Master password').waitFor();
    expect(os.text).toBe('');
  });

  it('raised no page errors and no CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
