/**
 * The browser test bridge itself, in Chromium: the page's `window.keyturn` calls the real handlers,
 * and main's events (the hub) reach the page's `onX` listeners in the order main told them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers, createWindowEvents, type AppContext } from '../../src/main/api';
import { KEYTURN_ACTIONS, KEYTURN_EVENTS } from '../../src/shared/keyturn-api';
import { createTestContext } from '../support/api-fixture';
import { tempDir } from '../support/temp-dir';
import { installBridge, serveStatic, type StaticServer } from './bridge';

let browser: Browser;
let page: Page;
let server: StaticServer;
let context: AppContext;

beforeAll(async () => {
  const dir = tempDir('bridge');
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>bridge</title><p>bridge</p>');
  server = await serveStatic(dir);
  const events = createWindowEvents();
  ({ context } = createTestContext(dir, { events }));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage();
  await installBridge(page, createApiHandlers(context), events);
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  context?.session.lock('user');
});

describe('the browser test bridge', () => {
  it('gives the page every action and subscription, and nothing else', async () => {
    const keys = await page.evaluate(() => Object.keys((globalThis as unknown as { keyturn: object }).keyturn).sort());
    expect(keys).toEqual([...Object.keys(KEYTURN_ACTIONS), ...Object.keys(KEYTURN_EVENTS)].sort());
  });

  it('pushes main’s events into the page in order: session, then each vault change', async () => {
    const heard = await page.evaluate(async () => {
      const keyturn = (globalThis as unknown as { keyturn: Record<string, (...args: unknown[]) => unknown> }).keyturn;
      const seen: unknown[] = [];
      keyturn['onSessionChanged']?.((event: unknown) => seen.push(['session', event]));
      keyturn['onVaultChanged']?.((event: unknown) => seen.push(['vault', event]));
      await keyturn['createVault']?.({ password: 'correct horse battery', kdf: 'floor' });
      await keyturn['addTenant']?.({ name: 'Acme' });
      await keyturn['addEnvironment']?.({ tenant: 'Acme', name: 'prod' });
      // Events travel separately from answers: wait until the last one is in.
      for (let i = 0; i < 100 && seen.length < 5; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      return seen;
    });
    expect(heard).toEqual([
      ['session', { state: 'unlocked', reason: 'unlock' }],
      ['vault', { revision: 1, scope: 'structure' }],
      ['vault', { revision: 2, scope: 'tokens' }],
      ['vault', { revision: 3, scope: 'structure' }],
      ['vault', { revision: 4, scope: 'tokens' }],
    ]);
  });
});
