/** `keyturn get REF`: one blind-index lookup and one sealed value opened; constant in vault size. */
import { parseCommand } from '../args';
import { withVault, type Context } from '../context';
import { parseTokenRef } from '../ref';
import { requireToken } from '../resolve';
import { freshSecret } from '../secrets';

export async function getCommand(ctx: Context, args: string[]): Promise<void> {
  const { positionals } = parseCommand(args, {}, { min: 1, max: 1, names: 'REF' });
  const ref = parseTokenRef(positionals[0] ?? '');
  await withVault(ctx, async (vault) => {
    const token = requireToken(vault, ref);
    const secret = await freshSecret(ctx, vault, token, 'get');
    ctx.out.data({ ref: positionals[0], secret, expiresAt: token.expiresAt }, () => secret);
  });
}
