/**
 * The smoke test of a Keyturn window: one list of steps, run by the release workflow against each
 * packaged app (test/smoke/packaged-app.ts, Playwright's Electron driver) and here by vitest
 * against the built renderer in Chromium through the browser test bridge (smoke.test.ts), so the
 * steps cannot rot between releases.
 *
 * Assertions use node:assert so the same code runs inside and outside vitest.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/**
 * Exactly what `window.keyturn` may offer the page: read here and nowhere else. When the window
 * gains an action (the preload exposes every KEYTURN_ACTIONS entry), add it here on purpose.
 */
export const EXPECTED_KEYTURN_KEYS: readonly string[] = [
  'addEnvironment',
  'addTenant',
  'addToken',
  'answerCliApproval',
  'applyImport',
  'changePassword',
  'chooseBackupFile',
  'chooseImportFile',
  'confirmOldKeyRevoked',
  'connect',
  'copyFreshToken',
  'copyRecoveryKey',
  'copyToken',
  'createToken',
  'createVault',
  'deleteToken',
  'discardImport',
  'environmentRemoval',
  'exportEnvironment',
  'getSettings',
  'inspectBackup',
  'listRotations',
  'lock',
  'onCliApprovalsChanged',
  'onLifecycleProgress',
  'onOpenPalette',
  'onSchedulerEvent',
  'onSessionChanged',
  'onVaultChanged',
  'outline',
  'pendingCliApprovals',
  'pinToken',
  'providerForms',
  'queryAudit',
  'queryTokens',
  'recogniseToken',
  'removeEnvironment',
  'removeTenant',
  'renameTenant',
  'reorderPinnedTokens',
  'replaceRecoveryKey',
  'replaceVaultWithBackup',
  'restoreBackupAsNewVault',
  'retryRotation',
  'revealToken',
  'revokeToken',
  'rotateToken',
  'saveBackup',
  'saveRecoveryKey',
  'setDeviceUnlock',
  'status',
  'tenantRemoval',
  'testConnection',
  'tokenDetail',
  'unlock',
  'unlockWithRecoveryKey',
  'unpinToken',
  'updateEnvironment',
  'updateSettings',
  'updateToken',
  'verifyAudit',
  'verifyToken',
];

/** The token the smoke test stores and copies; its secret is fresh for every run. */
export interface SmokeToken {
  readonly tenant: string;
  readonly environment: string;
  readonly name: string;
  readonly secret: string;
}

/** What differs between a packaged app and the browser bridge. */
export interface SmokeTarget {
  readonly page: Page;
  readonly password: string;
  readonly token: SmokeToken;
  /** Console errors, uncaught page errors and CSP violations seen since the page loaded. */
  readonly pageErrors: readonly string[];
  /** What the OS clipboard holds now. */
  readClipboard(): Promise<string>;
  /** Lets the clipboard's clear delay pass: real time in the app, a manual clock in the bridge. */
  passClearDelay(): Promise<void>;
  /** Runs the `keyturn` command against the window's vault (KEYTURN_PASSWORD set). */
  runKeyturn(args: readonly string[], input?: string): Promise<void>;
}

export interface SmokeStep {
  readonly name: string;
  run(target: SmokeTarget): Promise<void>;
}

/** Waits for `read` to return `expected`, else fails with what it last saw. */
async function waitForValue<T>(read: () => Promise<T>, expected: T, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  assert.equal(last, expected, `${what}: still not as expected after ${timeoutMs} ms`);
}

async function unlock(page: Page, password: string): Promise<void> {
  await page.getByLabel('Master password').fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('searchbox', { name: 'Search tokens' }).waitFor();
}

export const SMOKE_STEPS: readonly SmokeStep[] = [
  {
    name: 'creates a vault and shows the recovery key once',
    async run({ page, password }) {
      await page.getByLabel('Master password').fill(password);
      await page.getByLabel('Repeat it').fill(password);
      await page.getByRole('button', { name: 'Create vault' }).click();
      const key = page.getByLabel('Recovery key', { exact: true });
      await key.waitFor();
      const recoveryKey = (await key.textContent()) ?? '';
      assert.ok(recoveryKey.length > 20, 'the recovery key is shown');
      await page.getByLabel('To continue, type the last group of the key').fill(recoveryKey.split('-').at(-1) ?? '');
      await page.getByRole('button', { name: 'I have saved it' }).click();
      await page.getByRole('searchbox', { name: 'Search tokens' }).waitFor();
      assert.equal(await key.count(), 0, 'the recovery key is gone once acknowledged');
    },
  },
  {
    name: 'adds a tenant, an environment and a token in the window',
    async run({ page, token }) {
      await page.getByRole('button', { name: 'Add a tenant' }).click();
      await page.getByRole('dialog').getByLabel('Tenant name').fill(token.tenant);
      await page.getByRole('dialog').getByRole('button', { name: 'Add tenant' }).click();
      await page.getByRole('button', { name: `Actions for tenant ${token.tenant}` }).click();
      await page.getByRole('menuitem', { name: 'Add environment…' }).click();
      await page.getByRole('dialog').getByLabel('Environment name').fill(token.environment);
      await page.getByRole('dialog').getByRole('button', { name: 'Add environment' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      // The new environment is the list's view, so the add form starts in it.
      await page.getByRole('button', { name: 'Add token', exact: true }).click();
      const form = page.getByRole('dialog');
      await form.getByLabel('Token', { exact: true }).fill(token.secret);
      await form.getByLabel('Label').fill(token.name);
      await form.getByRole('button', { name: 'Add token' }).click();
      await form.waitFor({ state: 'detached' });
      await waitForValue(() => page.getByRole('row').count(), 1, 'token rows');
    },
  },
  {
    name: 'locks from the window',
    async run({ page }) {
      await page.getByRole('button', { name: 'Lock' }).click();
      await page.getByLabel('Master password').waitFor();
    },
  },
  {
    // The command the installers carry reads what the window wrote (in a packaged app: the app's
    // own `keyturn`, through its launcher).
    name: 'the keyturn command finds the token the window added',
    async run({ runKeyturn, token }) {
      await runKeyturn(['get', `${token.tenant}/${token.environment}/${token.name}`]);
    },
  },
  {
    name: 'unlocks with the master password and lists the token',
    async run({ page, password, token }) {
      await unlock(page, password);
      await waitForValue(() => page.getByRole('row').count(), 1, 'token rows');
      assert.equal(await page.getByRole('row').first().locator('.token-label').textContent(), token.name);
    },
  },
  {
    name: 'copies the token in main: on the clipboard, never in the page',
    async run({ page, token, readClipboard }) {
      await page.getByRole('searchbox', { name: 'Search tokens' }).fill(token.name);
      await waitForValue(() => page.getByRole('row').count(), 1, 'matching rows');
      await page.getByRole('searchbox', { name: 'Search tokens' }).press('Enter');
      await page.getByText(/copied — the clipboard clears in \d+ s/).waitFor();
      await waitForValue(readClipboard, token.secret, 'the clipboard');
      assert.ok(!(await page.content()).includes(token.secret), 'the page never holds the secret');
    },
  },
  {
    name: 'clears the clipboard once the delay has passed',
    async run({ readClipboard, passClearDelay }) {
      await passClearDelay();
      await waitForValue(readClipboard, '', 'the clipboard');
    },
  },
  {
    name: 'gives the page exactly the expected window.keyturn',
    async run({ page }) {
      const keys = await page.evaluate(() => Object.keys((globalThis as { keyturn?: object }).keyturn ?? {}));
      assert.deepEqual([...keys].sort(), [...EXPECTED_KEYTURN_KEYS].sort());
    },
  },
  {
    name: 'logged no CSP violation, console error or page error',
    async run({ pageErrors }) {
      assert.deepEqual(pageErrors, []);
    },
  },
];

/** Records console errors (CSP violations are reported there) and uncaught page errors. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}
