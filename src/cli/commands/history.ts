/** `keyturn history REF`: the versions of a token, never their secrets. */
import { withApi } from '../api';
import { parseCommand } from '../args';
import type { Context } from '../context';
import { formatTime, table } from '../output';
import { parseTokenRef } from '../ref';

export async function historyCommand(ctx: Context, args: string[]): Promise<void> {
  const { positionals } = parseCommand(args, {}, { min: 1, max: 1, names: 'REF' });
  const ref = parseTokenRef(positionals[0] ?? '');
  await withApi(ctx, async (api) => {
    const versions = await api.call('token:history', { token: { ref } });
    ctx.out.data(versions, () =>
      table(
        ['CREATED', 'STATUS', 'PROVIDER KEY', 'EXPIRES'],
        versions.map((v) => [formatTime(v.createdAt), v.status, v.providerKeyId ?? '-', formatTime(v.expiresAt)]),
      ),
    );
  });
}
