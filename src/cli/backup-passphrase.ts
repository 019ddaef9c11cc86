/** The backup passphrase: KEYTURN_BACKUP_PASSWORD, the next stdin line, or a hidden prompt. */
import { KeyturnError } from '../shared/errors';
import type { Context } from './context';
import { promptHidden } from './io';

export async function readBackupPassphrase(ctx: Context, confirm: boolean): Promise<string> {
  const fromEnv = ctx.io.env.KEYTURN_BACKUP_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!ctx.stdin.isTty) {
    const line = await ctx.stdin.nextLine();
    if (!line) throw new KeyturnError('INVALID_INPUT', 'No backup passphrase on stdin');
    return line;
  }
  const first = await promptHidden(ctx.io, 'Backup passphrase: ');
  if (confirm && first !== (await promptHidden(ctx.io, 'Repeat backup passphrase: '))) {
    throw new KeyturnError('INVALID_INPUT', 'The passphrases do not match');
  }
  if (first === '') throw new KeyturnError('INVALID_INPUT', 'The backup passphrase is empty');
  return first;
}
