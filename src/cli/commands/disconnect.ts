/**
 * `keyturn disconnect TENANT/ENV [PROVIDER] [--force]`: remove an environment's provider
 * connection (and its stored credential). Its tokens stay, bound to no connection.
 */
import { PROVIDER_IDS, type ProviderId } from '../../shared/model';
import { withApi } from '../api';
import { parseCommand } from '../args';
import type { Context } from '../context';
import { parseEnvRef } from '../ref';
import { UsageError } from '../usage-error';

export async function disconnectCommand(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    args,
    { force: { type: 'boolean' } },
    { min: 1, max: 2, names: 'TENANT/ENV [PROVIDER]' },
  );
  const ref = parseEnvRef(positionals[0] ?? '');
  const provider = positionals[1];
  if (provider !== undefined && !(PROVIDER_IDS as readonly string[]).includes(provider))
    throw new UsageError(`PROVIDER must be one of ${PROVIDER_IDS.join(', ')}`);
  await withApi(ctx, async (api) => {
    const removed = await api.call('connection:remove', {
      tenant: ref.tenant,
      environment: ref.environment,
      ...(provider === undefined ? {} : { provider: provider as ProviderId }),
      force: values.force === true,
    });
    ctx.out.data(removed, () => {
      const unbound = removed.unbound === 0 ? '' : `; ${removed.unbound} token(s) are no longer bound to it`;
      return `Disconnected ${ref.tenant}/${ref.environment} from ${removed.provider}${unbound}`;
    });
  });
}
