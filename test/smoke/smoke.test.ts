/**
 * The release smoke steps (smoke.ts) against the built renderer in Chromium, through the browser
 * test bridge: the real api handlers over a real vault file, the real `keyturn` command (Node
 * build) for the step the window cannot do yet, a manual clock for the clipboard's delay.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createApiHandlers, type AppContext } from '../../src/main/api';
import { BIN, ensureBuilt } from '../cli/harness';
import { createTestContext } from '../support/api-fixture';
import { launchChromium } from '../support/chromium';
import type { FakeOsClipboard } from '../support/fake-os-clipboard';
import type { ManualClock } from '../support/manual-clock';
import { buildRenderer } from '../support/renderer-build';
import { tempDir } from '../support/temp-dir';
import { installBridge, serveStatic, type StaticServer } from '../renderer/bridge';
import { SMOKE_STEPS, collectPageErrors, type SmokeTarget } from './smoke';

let server: StaticServer;
let browser: Browser;
let context: AppContext;
let target: SmokeTarget;

/** `node bin/keyturn.cjs ...args` on the bridge's vault file; fails with its stderr. */
function keyturn(vaultPath: string, password: string, args: readonly string[], input = ''): Promise<void> {
  const env = { ...process.env, KEYTURN_VAULT: vaultPath, KEYTURN_PASSWORD: password };
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`keyturn ${args[0]} exited ${code}: ${stderr.trim()}`)),
    );
  });
}

beforeAll(async () => {
  const dir = tempDir('keyturn-smoke-');
  const outDir = join(dir, 'renderer');
  await Promise.all([buildRenderer(outDir), ensureBuilt()]);
  server = await serveStatic(outDir);
  let clock: ManualClock;
  let os: FakeOsClipboard;
  // The production KDF policy, as in the app: the `keyturn` command refuses the tests' cheap one.
  ({ context, clock, os } = createTestContext(dir, { kdfPolicy: undefined }));

  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 980, height: 680 } });
  page.setDefaultTimeout(15_000);
  const pageErrors = collectPageErrors(page);
  await installBridge(page, createApiHandlers(context));
  await page.goto(server.url);

  const password = randomBytes(12).toString('base64url');
  const vaultPath = context.vaultPath;
  target = {
    page,
    password,
    token: { tenant: 'smoke', environment: 'dev', name: 'api', secret: `smk-${randomBytes(16).toString('hex')}` },
    pageErrors,
    readClipboard: () => os.readText(),
    passClearDelay: async () => clock.advance(20_000),
    runKeyturn: (args, input) => keyturn(vaultPath, password, args, input),
  };
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  context?.session.lock('user');
});

describe('the release smoke steps, in Chromium through the bridge', () => {
  for (const step of SMOKE_STEPS) {
    it(step.name, () => step.run(target));
  }
});
