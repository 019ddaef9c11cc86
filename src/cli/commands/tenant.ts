/** `keyturn tenant add|ls|rm`. */
import { withApi } from '../api';
import { parseCommand } from '../args';
import type { Context } from '../context';
import { table } from '../output';
import { UsageError } from '../usage-error';

export async function tenantCommand(ctx: Context, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { positionals } = parseCommand(
    rest,
    {},
    sub === 'ls' ? { min: 0, max: 0, names: '' } : { min: 1, max: 1, names: 'NAME' },
  );
  const name = positionals[0] ?? '';
  switch (sub) {
    case 'add':
      return withApi(ctx, async (api) => {
        const tenant = await api.call('tenant:add', { name });
        ctx.out.data(tenant, () => `Added tenant ${tenant.name}`);
      });
    case 'ls':
      return withApi(ctx, async (api) => {
        const rows = (await api.call('tenants:list', {})).map(({ environmentCount, ...tenant }) => ({
          ...tenant,
          environments: environmentCount,
        }));
        ctx.out.data(rows, () =>
          table(
            ['TENANT', 'ENVIRONMENTS'],
            rows.map((r) => [r.name, String(r.environments)]),
          ),
        );
      });
    case 'rm':
      return withApi(ctx, async (api) => {
        const removed = await api.call('tenant:remove', { tenant: name });
        ctx.out.data(removed, () => `Removed tenant ${removed.name}`);
      });
    default:
      throw new UsageError('Usage: keyturn tenant add NAME | tenant ls | tenant rm NAME');
  }
}
