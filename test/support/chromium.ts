/**
 * The Chromium the browser tests drive. Debian's `/usr/bin/chromium` by default (this machine,
 * the ubuntu CI job); `KEYTURN_CHROMIUM` names another one, as the macOS and Windows CI jobs do
 * with the browser Playwright downloads there (see .github/workflows/ci.yml).
 */
import { chromium, type Browser } from 'playwright-core';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Headless and quiet: no sandbox (containers), no GPU, nothing fetched from outside. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The browser to launch: `KEYTURN_CHROMIUM` when set and not empty, else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const named = env['KEYTURN_CHROMIUM']?.trim();
  return named === undefined || named === '' ? DEFAULT_CHROMIUM : named;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ARGS });
}
