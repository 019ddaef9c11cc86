/** environments:list, environment:add, environment:remove — environments by tenant and name. */
import { ENVIRONMENT_KINDS, type EnvironmentKind } from '../../shared/model';
import { requireVault } from './context';
import type { HandlerBodies } from './handler';
import { requireEnvironment, requireTenant } from './resolve';

type EnvironmentChannels = 'environments:list' | 'environment:add' | 'environment:remove';

/** No kind given: the name says it (`production`, `prod-eu`, `dev`), else custom. */
export function guessEnvironmentKind(name: string): EnvironmentKind {
  const exact = ENVIRONMENT_KINDS.find((kind) => kind === name.toLowerCase());
  if (exact) return exact;
  if (/^prod/i.test(name)) return 'production';
  return /^dev/i.test(name) ? 'development' : 'custom';
}

export const environmentHandlers: HandlerBodies<EnvironmentChannels> = {
  'environments:list': ({ tenant: name }, context) => {
    const vault = requireVault(context);
    const tenant = name === undefined ? null : requireTenant(vault, name);
    const names = new Map(vault.listTenants().map((t) => [t.id, t.name]));
    return vault
      .listEnvironments(tenant?.id)
      .map((environment) => ({ ...environment, tenantName: names.get(environment.tenantId) ?? '' }));
  },

  'environment:add': ({ tenant: tenantName, name, kind }, context) => {
    const vault = requireVault(context);
    const tenant = requireTenant(vault, tenantName);
    return vault.addEnvironment(tenant.id, name, kind ?? guessEnvironmentKind(name));
  },

  'environment:remove': (ref, context) => {
    const vault = requireVault(context);
    const { environment } = requireEnvironment(vault, ref);
    vault.removeEnvironment(environment.id);
    return { removed: environment.id };
  },
};
