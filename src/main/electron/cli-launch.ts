/**
 * The `keyturn` command inside an installed app. Packaged builds fuse ELECTRON_RUN_AS_NODE off, so
 * the app's binary cannot be used as a plain Node; instead the launcher the installers ship
 * (resources/cli/keyturn, keyturn.cmd) starts the binary with CLI_MARKER, and main runs the CLI
 * core in the main process, before anything else starts (no single-instance lock, no window).
 * It runs on the app's own runtime and native modules (the Electron build of better-sqlite3).
 */
import type { CliIo } from '../../cli/io';

/** The launcher's argument that turns a launch of the app binary into a `keyturn` run. */
export const CLI_MARKER = '--keyturn-cli';

/**
 * The command's arguments when this launch is a `keyturn` run, else null (a window launch).
 *
 * `argv` is process.argv: the binary, the app folder when unpackaged (`electron .`, where
 * process.defaultApp is set), then Chromium switches a launcher may add (`--ozone-platform=…`),
 * then the marker, an optional `--` (which stops Chromium reading the rest as its switches), and
 * the command's arguments. Anything other than a `--switch` before the marker (a file or URL the
 * OS passes, macOS's `-psn_…`) makes it a window launch.
 */
export function cliLaunchArgs(argv: readonly string[], isDefaultApp: boolean): readonly string[] | null {
  const launch = argv.slice(isDefaultApp ? 2 : 1);
  for (const [index, arg] of launch.entries()) {
    if (arg === CLI_MARKER) {
      const rest = launch.slice(index + 1);
      return rest[0] === '--' ? rest.slice(1) : rest;
    }
    if (arg === '--' || !arg.startsWith('--')) return null;
  }
  return null;
}

/** The parts of Electron's `app` a CLI run uses. */
export interface CliHost {
  /** Ends the process with the command's exit code (app.exit: no quit events, no window). */
  exit(code: number): void;
  /** macOS: no Dock icon for a terminal command. */
  hideDock?(): void;
}

/**
 * Runs the `keyturn` command in this process and exits with its code. A helper the command starts
 * (the clipboard clearer) is this binary again, with CLI_MARKER as its "script".
 */
export async function runCliInApp(args: readonly string[], host: CliHost, io?: CliIo): Promise<void> {
  host.hideDock?.();
  const [{ main }, { processIo }] = await Promise.all([import('../../cli/dispatch'), import('../../cli/io')]);
  let code: number;
  try {
    code = await main(args, io ?? processIo(), CLI_MARKER);
  } catch {
    code = 1; // main reports its own errors; this is a last resort that still ends the process
  }
  host.exit(code);
}
