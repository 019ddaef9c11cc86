/**
 * `keyturn lock`: the CLI keeps no unlocked session between commands (each one unlocks, works
 * and locks), so locking here means what it means for the clipboard: clear it now if it still
 * holds a value keyturn copied, instead of waiting for the delay.
 */
import { parseCommand } from '../args';
import type { Context } from '../context';
import { clearPendingNow } from './copy';

export async function lockCommand(ctx: Context, args: string[]): Promise<void> {
  parseCommand(args, {}, { min: 0, max: 0, names: '' });
  const clipboardCleared = clearPendingNow(ctx.io.env);
  ctx.out.data({ locked: true, clipboardCleared }, () =>
    clipboardCleared
      ? 'Locked: the pending clipboard value is being cleared'
      : 'Locked: nothing held (the CLI unlocks per command)',
  );
}
