/**
 * Electron's side of the `keyturn` command in an installed app: the CLI launch (cli-launch.ts)
 * and, on macOS, linking the command into /usr/local/bin (cli-link.ts).
 */
import { execFile } from 'node:child_process';
import { lstatSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { cliLaunchArgs, runCliInApp } from './cli-launch';
import { installCliCommand, type LinkSite } from './cli-link';
import type { AppLike } from './electron-api';

/**
 * For the entry point, before the composition root (no single-instance lock, no window): when
 * this launch is a `keyturn` run, runs it (the process then exits) and resolves true; else false.
 */
export async function runCliLaunch(
  app: Pick<AppLike, 'exit' | 'dock'>,
  argv: readonly string[],
  isDefaultApp: boolean,
): Promise<boolean> {
  const args = cliLaunchArgs(argv, isDefaultApp);
  if (args === null) return false;
  await runCliInApp(args, { exit: (code) => app.exit(code), hideDock: () => app.dock?.hide() });
  return true;
}

function linkSite(path: string): LinkSite {
  try {
    return lstatSync(path).isSymbolicLink() ? { kind: 'link', target: readlinkSync(path) } : { kind: 'file' };
  } catch {
    return { kind: 'absent' };
  }
}

/** macOS tray action "Install the keyturn command…": returns a sentence to show the user. */
export function installCliCommandOnMac(): Promise<string> {
  return installCliCommand({
    launcher: join(process.resourcesPath, 'bin', 'keyturn'),
    site: linkSite,
    link: (target, path) => {
      rmSync(path, { force: true }); // planCliLink allowed only a missing file or a Keyturn link
      symlinkSync(target, path);
    },
    runAsAdmin: (script) =>
      new Promise((resolve, reject) =>
        execFile('osascript', ['-e', script], (error) => (error === null ? resolve() : reject(error))),
      ),
  });
}
