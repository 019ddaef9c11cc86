/**
 * The release workflow's smoke test of one packaged app (the smoke variant: the release build with
 * the inspect fuse on, which Playwright's Electron driver needs). Runs the steps of smoke.ts in the
 * app's own window, reads the OS clipboard in main, and adds the token with the app's own
 * `keyturn` launcher (which also proves the command the installers carry). Under xvfb on Linux.
 *
 *   node --import tsx test/smoke/packaged-app.ts --app <app binary> --keyturn <launcher>
 *
 * A screenshot after each step goes to test-results/smoke/ (uploaded by the workflow).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { _electron, type ElectronApplication } from 'playwright-core';
import { SMOKE_STEPS, collectPageErrors, type SmokeTarget } from './smoke';

const SHOTS = resolve('test-results/smoke');
/** The app clears the clipboard 20 s after a copy (DEFAULT_CLEAR_AFTER_MS); a little more. */
const CLEAR_DELAY_MS = 21_000;

function keyturn(launcher: string, env: NodeJS.ProcessEnv, args: readonly string[], input = ''): void {
  // Node runs a .cmd only through the shell; the arguments here are fixed words.
  const result = spawnSync(launcher, args, { env, input, encoding: 'utf8', shell: launcher.endsWith('.cmd') });
  if (result.status !== 0) {
    throw new Error(`keyturn ${args.join(' ')} exited ${result.status}: ${result.stderr.trim() || result.error}`);
  }
}

async function smoke(appPath: string, launcher: string): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'keyturn-smoke-'));
  const password = randomBytes(12).toString('base64url');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KEYTURN_VAULT: join(home, 'vault.db'),
    KEYTURN_UPDATES: 'off',
    XDG_CONFIG_HOME: home, // Linux: a fresh userData folder
  };
  mkdirSync(SHOTS, { recursive: true });

  let app: ElectronApplication | undefined;
  try {
    app = await _electron.launch({ executablePath: appPath, env: env as Record<string, string>, timeout: 60_000 });
    const page = await app.firstWindow();
    page.setDefaultTimeout(30_000);
    const pageErrors = collectPageErrors(page);
    await page.reload(); // listen from the page's very first script on
    const electronApp = app;
    const target: SmokeTarget = {
      page,
      password,
      token: { tenant: 'smoke', environment: 'dev', name: 'api', secret: `smk-${randomBytes(16).toString('hex')}` },
      pageErrors,
      readClipboard: () => electronApp.evaluate(({ clipboard }) => clipboard.readText()),
      passClearDelay: () => new Promise((done) => setTimeout(done, CLEAR_DELAY_MS)),
      runKeyturn: async (args, input) => keyturn(launcher, { ...env, KEYTURN_PASSWORD: password }, args, input),
    };
    for (const [index, step] of SMOKE_STEPS.entries()) {
      await step.run(target);
      await page.screenshot({ path: join(SHOTS, `${process.platform}-${process.arch}-${index + 1}.png`) });
      console.log(`ok ${index + 1} - ${step.name}`);
    }
  } finally {
    await app?.close();
  }
}

const { values } = parseArgs({ options: { app: { type: 'string' }, keyturn: { type: 'string' } } });
if (values.app === undefined || values.keyturn === undefined) {
  console.error('usage: node --import tsx test/smoke/packaged-app.ts --app <app binary> --keyturn <launcher>');
  process.exit(2);
}
await smoke(values.app, values.keyturn).then(
  () => console.log(`smoke test passed: ${values.app}`),
  (cause: unknown) => {
    console.error(`smoke test failed: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
    process.exitCode = 1;
  },
);
