/** connection:set — bind a tenant × environment to a provider account (added, or updated in place). */
import { requireVault } from './context';
import type { HandlerBodies } from './handler';
import { requireEnvironment } from './resolve';

export const connectionHandlers: HandlerBodies<'connection:set'> = {
  'connection:set': ({ provider, baseUrl, settings, credential, ...ref }, context) => {
    const vault = requireVault(context);
    const { tenant, environment } = requireEnvironment(vault, ref);
    const existing = vault.findConnection(environment.id, provider);
    if (existing)
      return { connection: vault.updateConnection(existing.id, { baseUrl, settings, credential }), created: false };
    const connection = vault.addConnection({
      tenantId: tenant.id,
      environmentId: environment.id,
      provider,
      baseUrl,
      settings,
      credential,
    });
    return { connection, created: true };
  },
};
