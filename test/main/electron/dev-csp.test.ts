/**
 * `npm run dev`'s page in Chromium: electron-vite's renderer dev server (the config's `serve` mode)
 * on 127.0.0.1, the page given the real api handlers through the browser test bridge. Under the
 * dev policy React renders, the refresh preamble runs and the HMR socket connects, with no CSP
 * violation; the same server without the dev policy is refused by the strict one.
 */
import { createServer as createNetServer } from 'node:net';
import { resolve } from 'node:path';
import { resolveConfig } from 'electron-vite';
import { chromium, type Browser } from 'playwright-core';
import { createServer, mergeConfig, type InlineConfig, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../../src/main/api';
import { STRICT_CSP } from '../../../src/main/electron/csp';
import { createTestContext } from '../../support/api-fixture';
import { tempDir } from '../../support/temp-dir';
import { installBridge } from '../../renderer/bridge';

let browser: Browser;
const servers: ViteDevServer[] = [];

beforeAll(async () => {
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
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.close()));
});

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise((done) => probe.close(done));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The renderer's dev server exactly as `electron-vite dev` configures it, optionally minus our plugin. */
async function devServer(withDevCsp: boolean): Promise<string> {
  const resolved = await resolveConfig({ configFile: resolve('electron.vite.config.ts'), logLevel: 'silent' }, 'serve');
  const renderer = resolved.config?.renderer;
  if (renderer === undefined) throw new Error('no renderer config');
  const isDevCsp = (plugin: unknown): boolean =>
    typeof plugin === 'object' && plugin !== null && 'name' in plugin && plugin.name === 'keyturn-dev-csp';
  const plugins = (renderer.plugins ?? []).filter((plugin) => withDevCsp || !isDevCsp(plugin));
  const config: InlineConfig = mergeConfig(
    { ...renderer, plugins },
    { configFile: false, server: { host: '127.0.0.1', port: await freePort(), strictPort: true } },
  );
  const server = await createServer(config);
  servers.push(server);
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) throw new Error('no dev server URL');
  return url;
}

interface PageRun {
  readonly violations: string[];
  readonly console: string[];
  readonly rendered: boolean;
  readonly html: string;
}

async function openDevPage(url: string): Promise<PageRun> {
  const page = await browser.newPage();
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  page.on('pageerror', (error) => consoleLines.push(error.message));
  // Page-side code as text: this project's test types have no DOM.
  await page.addInitScript({
    content: `globalThis.__violations = [];
document.addEventListener('securitypolicyviolation', (event) =>
  globalThis.__violations.push(event.effectiveDirective + ' ' + event.blockedURI));`,
  });
  const { context } = createTestContext(tempDir('dev-csp'));
  await installBridge(page, createApiHandlers(context));
  const html = await (await fetch(url)).text();
  await page.goto(url);
  const rendered = await page
    .waitForFunction("(document.getElementById('root')?.childElementCount ?? 0) > 0", undefined, { timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  if (rendered) {
    for (
      let waited = 0;
      waited < 10_000 && !consoleLines.some((line) => line.includes('[vite] connected'));
      waited += 50
    )
      await page.waitForTimeout(50);
  }
  const violations = await page.evaluate(() => (globalThis as unknown as { __violations: string[] }).__violations);
  await page.close();
  return { violations, console: consoleLines, rendered, html };
}

describe('the dev server page under the dev-only CSP', () => {
  it('renders, runs the refresh preamble and connects the HMR socket without one CSP violation', async () => {
    const run = await openDevPage(await devServer(true));
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(run.html)?.[1] ?? '';
    expect(meta).not.toBe(STRICT_CSP);
    expect(meta).toMatch(/script-src 'self' 'nonce-[\w-]+'/);
    expect(meta).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+/);
    expect(run.html).toMatch(/<script type="module" nonce="[\w-]+">import \{ injectIntoGlobalHook \}/);
    expect(run.violations).toEqual([]);
    expect(run.rendered).toBe(true);
    expect(run.console.some((line) => line.includes('[vite] connected'))).toBe(true);
    expect(run.console.filter((line) => /Content Security Policy/.test(line))).toEqual([]);
  });

  it('is needed: under the strict policy the same dev page is refused and renders nothing', async () => {
    const run = await openDevPage(await devServer(false));
    expect(run.violations.length).toBeGreaterThan(0);
    expect(run.rendered).toBe(false);
    console.log(`strict policy on the dev server: ${run.violations.length} violations, e.g. ${run.violations[0]}`);
  });
});
