/**
 * connection:set — bind a tenant × environment to a provider account (added, or updated in
 * place), once the URL, the provider-side ids and the credential have been checked
 * (connection-check.ts). The session the check opened is kept, so the next call does not sign in.
 */
import { checkCredential, CheckSession, requireUsableConnection } from './connection-check';
import { requireVault } from './context';
import type { HandlerBodies } from './handler';
import { providerDeps } from './provider-deps';
import { requireEnvironment } from './resolve';

export const connectionHandlers: HandlerBodies<'connection:set'> = {
  'connection:set': async ({ provider, baseUrl, settings, credential, ...ref }, context) => {
    // Input that cannot work is refused before the vault is even read.
    const input = { provider, baseUrl: baseUrl.trim(), settings, credential };
    await requireUsableConnection(input);
    const vault = requireVault(context);
    const { tenant, environment } = requireEnvironment(vault, ref);
    context.progress?.({ kind: 'call', label: `checking the credential with ${provider}` });
    const session = new CheckSession();
    const check = await checkCredential(input, providerDeps(context), session);
    const existing = vault.findConnection(environment.id, provider);
    const connection = existing
      ? vault.updateConnection(existing.id, { baseUrl: input.baseUrl, settings, credential })
      : vault.addConnection({ tenantId: tenant.id, environmentId: environment.id, ...input });
    if (session.value !== null) vault.writeConnectionSession(connection.id, session.value);
    vault.audit('update', connection.id, `connection ${provider} ${check.status}`);
    return { connection, created: existing === null, check };
  },
};
