/** tenants:list, tenant:add, tenant:remove — tenants by name. */
import { requireVault } from './context';
import type { HandlerBodies } from './handler';
import { requireTenant } from './resolve';

type TenantChannels = 'tenants:list' | 'tenant:add' | 'tenant:remove';

export const tenantHandlers: HandlerBodies<TenantChannels> = {
  'tenants:list': (_input, context) => {
    const vault = requireVault(context);
    const counts = new Map<string, number>();
    for (const environment of vault.listEnvironments()) {
      counts.set(environment.tenantId, (counts.get(environment.tenantId) ?? 0) + 1);
    }
    return vault.listTenants().map((tenant) => ({ ...tenant, environmentCount: counts.get(tenant.id) ?? 0 }));
  },

  'tenant:add': ({ name }, context) => requireVault(context).addTenant(name),

  'tenant:remove': ({ tenant: name }, context) => {
    const vault = requireVault(context);
    const tenant = requireTenant(vault, name);
    vault.removeTenant(tenant.id);
    return { removed: tenant.id, name: tenant.name };
  },
};
