/**
 * `keyturn lock`: the CLI keeps no unlocked session between commands (each one unlocks, works
 * and locks), so locking here means what it means for the clipboard: clear it now if it still
 * holds a value keyturn copied, instead of waiting for the delay.
 */
import { readFileSync } from 'node:fs';
import { parseCommand } from '../args';
import type { Context } from '../context';
import { clearerPidFile } from './copy';

function pendingClearer(env: NodeJS.ProcessEnv): number | null {
  try {
    const pid = Number(readFileSync(clearerPidFile(env), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export async function lockCommand(ctx: Context, args: string[]): Promise<void> {
  parseCommand(args, {}, { min: 0, max: 0, names: '' });
  const pid = pendingClearer(ctx.io.env);
  let clipboardCleared = false;
  if (pid !== null) {
    try {
      process.kill(pid, 'SIGTERM');
      clipboardCleared = true;
    } catch {
      // the clearer already finished
    }
  }
  ctx.out.data({ locked: true, clipboardCleared }, () =>
    clipboardCleared
      ? 'Locked: the pending clipboard value is being cleared'
      : 'Locked: nothing held (the CLI unlocks per command)',
  );
}
