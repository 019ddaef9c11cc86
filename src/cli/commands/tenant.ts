/** `keyturn tenant add|ls|rm`. */
import { parseCommand } from '../args';
import { withVault, type Context } from '../context';
import { table } from '../output';
import { requireTenant } from '../resolve';
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
      return withVault(ctx, (vault) => {
        const tenant = vault.addTenant(name);
        ctx.out.data(tenant, () => `Added tenant ${tenant.name}`);
      });
    case 'ls':
      return withVault(ctx, (vault) => {
        const tenants = vault.listTenants();
        const environments = vault.listEnvironments();
        const rows = tenants.map((t) => ({
          ...t,
          environments: environments.filter((e) => e.tenantId === t.id).length,
        }));
        ctx.out.data(rows, () =>
          table(
            ['TENANT', 'ENVIRONMENTS'],
            rows.map((r) => [r.name, String(r.environments)]),
          ),
        );
      });
    case 'rm':
      return withVault(ctx, (vault) => {
        const tenant = requireTenant(vault, name);
        vault.removeTenant(tenant.id);
        ctx.out.data({ removed: tenant.id, name: tenant.name }, () => `Removed tenant ${tenant.name}`);
      });
    default:
      throw new UsageError('Usage: keyturn tenant add NAME | tenant ls | tenant rm NAME');
  }
}
