/**
 * Electron's side of the `keyturn` command in an installed app: the CLI launch (cli-launch.ts)
 * and, on macOS, linking the command into /usr/local/bin (cli-link.ts).
 */
import { execFile } from 'node:child_process';
import { lstatSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { cliLaunchArgs, runCliInApp, type CliHost } from './cli-launch';
import { installCliCommand, type LinkSite } from './cli-link';

const electronCliHost: CliHost = {
  exit: (code) => app.exit(code),
  hideDock: () => app.dock?.hide(),
};

/**
 * For the top of the composition root, before the single-instance lock: when this launch is a
 * `keyturn` run, runs it (the process then exits) and resolves true; else resolves false.
 */
export async function runCliLaunch(): Promise<boolean> {
  const args = cliLaunchArgs(process.argv, process.defaultApp === true);
  if (args === null) return false;
  await runCliInApp(args, electronCliHost);
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
