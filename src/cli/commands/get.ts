/** `keyturn get REF`: one blind-index lookup and one sealed value opened; constant in vault size. */
import { withApi } from '../api';
import { parseCommand } from '../args';
import type { Context } from '../context';
import { parseTokenRef } from '../ref';

export async function getCommand(ctx: Context, args: string[]): Promise<void> {
  const { positionals } = parseCommand(args, {}, { min: 1, max: 1, names: 'REF' });
  const ref = parseTokenRef(positionals[0] ?? '');
  await withApi(
    ctx,
    async (api) => {
      const { secret, expiresAt } = await api.call('token:secret', { token: { ref }, purpose: 'get' });
      ctx.out.data({ ref: positionals[0], secret, expiresAt }, () => secret);
    },
    { viaApp: 'get' },
  );
}
