/**
 * One Keyturn window for a test file: the built renderer in Chromium, `window.keyturn` from the
 * bridge over the real api handlers and a real vault file (cheap test KDF), main's events pushed
 * into the page. Helpers take screenshots in both themes and run axe.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { createApiHandlers, createWindowEvents, type ApiHandlers, type AppContext } from '../../../src/main/api';
import type { WindowApprover } from '../../../src/main/app-link/window-approver';
import { createCliApprovals } from '../../../src/main/electron/cli-approvals';
import type { Vault } from '../../../src/main/vault/types';
import { API_PASSWORD, createTestContext, value } from '../../support/api-fixture';
import { launchChromium } from '../../support/chromium';
import type { FakeOsClipboard } from '../../support/fake-os-clipboard';
import type { ManualClock } from '../../support/manual-clock';
import { builtRenderer } from '../../support/renderer-cache';
import { tempDir } from '../../support/temp-dir';
import { installBridge, serveStatic, type StaticServer } from '../bridge';
import { seedVault } from './seed';

export const PASSWORD = API_PASSWORD;
export const SHOTS = resolve('test-results/renderer');
/** The machine is shared: give slow steps time, without asserting on timings. */
export const POLL = { timeout: 15_000, interval: 50 };

export interface TestWindow {
  readonly page: Page;
  readonly api: ApiHandlers;
  readonly context: AppContext;
  readonly os: FakeOsClipboard;
  readonly clock: ManualClock;
  readonly dir: string;
  /** Main's approver for terminals, when the window was opened with `cliApprovals`. */
  readonly cliApprovals: WindowApprover | null;
  /** Console errors, page errors and CSP violations seen so far. */
  readonly pageErrors: string[];
  vault(): Vault;
  /** The window's page, reloaded (a new window opening on the same vault). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

let browser: Browser | undefined;
let server: StaticServer | undefined;

export interface WindowOptions {
  /** 'unlocked' creates a vault first and unlocks it before the page loads. */
  readonly vault?: 'none' | 'unlocked';
  readonly dir?: string;
  readonly fakeTimers?: boolean;
  /** Main's real CLI approver (app-link/window-approver.ts) in the context, on the manual clock. */
  readonly cliApprovals?: boolean;
  /** More of main's context: OS edges such as `fileDialogs` or `deviceUnlock`. */
  readonly context?: Partial<AppContext>;
}

export async function openWindow(options: WindowOptions = {}): Promise<TestWindow> {
  const dir = options.dir ?? tempDir('window');
  mkdirSync(SHOTS, { recursive: true });
  server ??= await serveStatic(await builtRenderer());
  browser ??= await launchChromium();
  const events = createWindowEvents();
  const made = createTestContext(dir, { events, ...options.context });
  const { os, clock } = made;
  const cliApprovals =
    options.cliApprovals === true
      ? createCliApprovals({ clock, notifier: made.context.notifier, events, window: () => null })
      : null;
  const context: AppContext = cliApprovals === null ? made.context : { ...made.context, cliApprovals };
  const api = createApiHandlers(context);
  if (options.vault === 'unlocked') value(await api['vault:create']({ password: PASSWORD }));
  // axe needs a page of a context of its own.
  const browserContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await browserContext.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await installBridge(page, api, events);
  // A CSP refusal names what was refused and where, so a failing test says which element did it.
  await page.exposeFunction('__keyturnCspViolation', (report: string) => pageErrors.push(report));
  await page.addInitScript(`
    document.addEventListener('securitypolicyviolation', (event) => {
      const element = event.target instanceof Element ? event.target.outerHTML.slice(0, 200) : String(event.target);
      window.__keyturnCspViolation(
        'CSP ' + event.violatedDirective + ' refused ' + (event.blockedURI || 'inline') + ' at ' +
          event.sourceFile + ':' + event.lineNumber + ':' + event.columnNumber + ' on ' + element,
      );
    });
  `);
  // Timers run as usual; a test may fast-forward the page's clock (the reveal's 30 s).
  if (options.fakeTimers === true) await page.clock.install();
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto(server.url);
  return {
    page,
    api,
    context,
    os,
    clock,
    dir,
    cliApprovals,
    pageErrors,
    vault() {
      const session = context.session.current();
      if (session.state !== 'unlocked') throw new Error('the vault is locked');
      return session.vault;
    },
    async reload() {
      await page.goto(server?.url ?? '');
    },
    /** Closes the window; fails the file if the page ever logged an error or a CSP refusal. */
    async close() {
      await browserContext.close();
      context.session.lock('user');
      if (pageErrors.length > 0) throw new Error(`the window logged errors:\n${pageErrors.join('\n')}`);
    },
  };
}

/** A window on an unlocked vault holding the seed (seed.ts), reloaded so the page shows it. */
export async function openSeededWindow(options: Omit<WindowOptions, 'vault'> = {}): Promise<TestWindow> {
  const w = await openWindow({ ...options, vault: 'unlocked' });
  seedVault(w.vault());
  await w.reload();
  await w.page.getByRole('searchbox', { name: 'Search tokens' }).waitFor();
  return w;
}

/** Closes a file's window (failing on page errors) and the shared browser and server. */
export async function closeWindow(w: TestWindow | undefined): Promise<void> {
  await w?.close();
  await closeAll();
}

export async function closeAll(): Promise<void> {
  await browser?.close();
  await server?.close();
  browser = undefined;
  server = undefined;
}

/** A screenshot in the light and the dark theme: `<name>-light.png`, `<name>-dark.png`. */
export async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: join(SHOTS, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** axe's serious and critical violations on what the page shows now, in both themes. */
export async function axeProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).analyze();
    for (const violation of results.violations) {
      if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
      const targets = violation.nodes.map((node) => node.target.join(' ')).join(', ');
      problems.push(`${scheme}: ${violation.id} (${violation.impact}): ${violation.help} — ${targets}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return problems;
}

/** Shoots the screen in both themes and checks it with axe: the suite's look at every screen. */
export async function inspect(page: Page, name: string): Promise<string[]> {
  await shoot(page, name);
  return axeProblems(page);
}

export async function unlockInWindow(page: Page, password = PASSWORD): Promise<void> {
  await page.getByLabel('Master password').fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('searchbox', { name: 'Search tokens' }).waitFor();
}

/** The audit actions recorded so far, oldest first. */
export async function auditActions(api: ApiHandlers): Promise<string[]> {
  const page = value(await api['audit:query']({ limit: 500 }));
  return page.entries.map((entry) => entry.action).reverse();
}

/** What has focus in the page: "TAG#id" (the body when focus was lost). */
export function focused(page: Page): Promise<string> {
  return page.evaluate<string>(
    "(document.activeElement?.tagName ?? 'NONE') + '#' + (document.activeElement?.id ?? '')",
  );
}
