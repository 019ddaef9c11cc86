/** `keyturn passwd`: rewrap the vault key under a new password. */
import { KeyturnError } from '../../shared/errors';
import { parseCommand } from '../args';
import { withApi } from '../api';
import type { Context } from '../context';
import { promptHidden } from '../io';

async function readNewPassword(ctx: Context): Promise<string> {
  const fromEnv = ctx.io.env.KEYTURN_NEW_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!ctx.stdin.isTty) {
    const line = await ctx.stdin.nextLine();
    if (!line) throw new KeyturnError('INVALID_INPUT', 'No new password on stdin');
    return line;
  }
  const first = await promptHidden(ctx.io, 'New master password: ');
  const again = await promptHidden(ctx.io, 'Repeat new master password: ');
  if (first !== again) throw new KeyturnError('INVALID_INPUT', 'The passwords do not match');
  if (first === '') throw new KeyturnError('INVALID_INPUT', 'The new password is empty');
  return first;
}

export async function passwdCommand(ctx: Context, args: string[]): Promise<void> {
  parseCommand(args, {}, { min: 0, max: 0, names: '' });
  await withApi(ctx, async (api) => {
    const newPassword = await readNewPassword(ctx);
    ctx.out.progress('Rewrapping the vault key');
    ctx.out.data(await api.call('vault:change-password', { newPassword }), () => 'Password changed');
  });
}
