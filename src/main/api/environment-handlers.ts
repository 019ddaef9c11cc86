/** environments:list, environment:add, environment:remove — environments by tenant and name. */
import { KeyturnError } from '../../shared/errors';
import { ENVIRONMENT_KINDS, type EnvironmentKind } from '../../shared/model';
import type { Vault } from '../vault/types';
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

/** What still holds the environment, and the commands that remove it, before the vault refuses. */
function assertEmpty(vault: Vault, environmentId: string, where: string): void {
  const tokens = vault.listTokens().filter((t) => t.environmentId === environmentId).length;
  const connections = vault.listConnections().filter((c) => c.environmentId === environmentId).length;
  if (tokens === 0 && connections === 0) return;
  const held = [
    ...(tokens > 0 ? [`${tokens} token(s) (keyturn rm ${where}/LABEL)`] : []),
    ...(connections > 0 ? [`${connections} connection(s) (keyturn disconnect ${where})`] : []),
  ];
  throw new KeyturnError('INVALID_INPUT', `${where} still holds ${held.join(' and ')}: remove them first`);
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
    assertEmpty(vault, environment.id, `${ref.tenant}/${ref.environment}`);
    vault.removeEnvironment(environment.id);
    return { removed: environment.id };
  },
};
