/** `keyturn init`: create a vault (through 'vault:create') and show the recovery key exactly once. */
import { KeyturnError } from '../../shared/errors';
import { withLockedApi } from '../api';
import { parseCommand } from '../args';
import { readPassword, type Context } from '../context';
import { UsageError } from '../usage-error';

export async function initCommand(ctx: Context, args: string[]): Promise<void> {
  const { values } = parseCommand(args, { kdf: { type: 'string' } }, { min: 0, max: 0, names: '' });
  const kdf = values.kdf ?? 'calibrate';
  if (kdf !== 'calibrate' && kdf !== 'floor') throw new UsageError('--kdf must be calibrate or floor');
  const password = await readPassword(ctx, 'New master password: ');
  if (!ctx.passwordStdin && !ctx.io.env.KEYTURN_PASSWORD && ctx.stdin.isTty) {
    const again = await readPassword(ctx, 'Repeat master password: ');
    if (again !== password) throw new KeyturnError('INVALID_INPUT', 'The passwords do not match');
  }
  ctx.out.progress(kdf === 'floor' ? 'Creating the vault' : 'Calibrating Argon2id and creating the vault');
  const { recoveryKey } = await withLockedApi(ctx, (api) => api.call('vault:create', { password, kdf }));
  ctx.out.data({ path: ctx.vaultPath, recoveryKey }, () =>
    [
      `Created ${ctx.vaultPath}`,
      '',
      `Recovery key: ${recoveryKey}`,
      '',
      'Write it down and keep it offline. It is shown only this once and unlocks the vault if you forget the password.',
    ].join('\n'),
  );
}
