/** Electron's `app` as the CLI launch's host (see cli-launch.ts). */
import { app } from 'electron';
import { cliLaunchArgs, runCliInApp, type CliHost } from './cli-launch';

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
