/**
 * `keyturn rm REF [--force]` and `keyturn mv REF NEW_REF`: remove or rename a token. `rm` of a
 * token that may still work at its provider asks for `keyturn revoke` first, or --force.
 */
import { withApi } from '../api';
import { parseCommand } from '../args';
import type { Context } from '../context';
import { formatTokenRef, parseTokenRef } from '../ref';
import { UsageError } from '../usage-error';

export async function removeCommand(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, { force: { type: 'boolean' } }, { min: 1, max: 1, names: 'REF' });
  const ref = parseTokenRef(positionals[0] ?? '');
  await withApi(ctx, async (api) => {
    const removed = await api.call('token:remove', { token: { ref }, force: values.force === true });
    ctx.out.data(removed, () => `Removed ${formatTokenRef(ref)}`);
  });
}

export async function moveCommand(ctx: Context, args: string[]): Promise<void> {
  const { positionals } = parseCommand(args, {}, { min: 2, max: 2, names: 'REF NEW_REF' });
  const from = parseTokenRef(positionals[0] ?? '');
  const to = parseTokenRef(positionals[1] ?? '');
  if (from.tenant !== to.tenant || from.environment !== to.environment)
    throw new UsageError(
      `mv renames within an environment: NEW_REF must start with ${from.tenant}/${from.environment}/`,
    );
  await withApi(ctx, async (api) => {
    const token = await api.call('token:rename', { token: { ref: from }, label: to.label });
    ctx.out.data(token, () => `Renamed ${formatTokenRef(from)} to ${formatTokenRef({ ...to, label: token.label })}`);
  });
}
