/**
 * token:add (recognition fills provider, kind and expiry not given), tokens:query (filtered
 * metadata, never a secret) and token:history (versions, never their secrets).
 */
import type { TokenListItem } from '../../shared/ipc';
import type { EnvironmentView, TenantView } from '../../shared/model';
import { DAY_MS, expiryState } from '../lifecycle/expiry';
import { leadTimesFor } from './window-settings';
import { requireVault } from './context';
import type { HandlerBodies } from './handler';
import { recogniser } from '../providers/recognise';
import { requireEnvironment, requireTenant, selectToken } from './resolve';

type TokenWriteChannels = 'token:add' | 'tokens:query' | 'token:history';

export const tokenWriteHandlers: HandlerBodies<TokenWriteChannels> = {
  'token:add': async (input, context) => {
    const vault = requireVault(context);
    const { environment } = requireEnvironment(vault, input);
    const guess = (await recogniser())(input.secret, input.provider);
    const provider = input.provider ?? guess.provider ?? 'manual';
    return vault.addToken({
      environmentId: environment.id,
      label: input.label,
      kind: input.kind ?? guess.kind ?? 'manual',
      provider,
      secret: input.secret,
      connectionId: vault.findConnection(environment.id, provider)?.id ?? null,
      expiresAt: input.expiresAt ?? guess.expiresAt,
      expirySource: input.expiresAt !== undefined ? 'user' : guess.expirySource,
      tags: input.tags,
      notes: input.notes,
    });
  },

  'tokens:query': (query, context) => {
    const vault = requireVault(context);
    const tenant = query.tenant === undefined ? null : requireTenant(vault, query.tenant);
    const environment =
      query.tenant === undefined || query.environment === undefined
        ? null
        : requireEnvironment(vault, { tenant: query.tenant, environment: query.environment }).environment;
    const tenants = new Map<string, TenantView>(vault.listTenants().map((t) => [t.id, t]));
    const environments = new Map<string, EnvironmentView>(vault.listEnvironments().map((e) => [e.id, e]));
    const now = context.clock.now();
    const leadTimes = leadTimesFor(context, vault);
    const horizon = query.expiringWithinDays === undefined ? null : now + query.expiringWithinDays * DAY_MS;
    const rows: (TokenListItem & { ref: string })[] = [];
    for (const token of vault.listTokens()) {
      if (tenant && token.tenantId !== tenant.id) continue;
      if (environment && token.environmentId !== environment.id) continue;
      if (horizon !== null && (token.revoked || token.expiresAt === null || token.expiresAt > horizon)) continue;
      const state = expiryState(token, now, leadTimes);
      if (query.status !== undefined && state !== query.status) continue;
      const env = environments.get(token.environmentId);
      const tenantName = tenants.get(token.tenantId)?.name ?? '';
      const environmentName = env?.name ?? '';
      rows.push({
        ...token,
        tenantName,
        environmentName,
        environmentKind: env?.kind ?? 'custom',
        expiryState: state,
        ref: `${tenantName}/${environmentName}/${token.label}`,
      });
    }
    return rows.sort((a, b) => a.ref.localeCompare(b.ref));
  },

  'token:history': ({ token: selector }, context) => {
    const vault = requireVault(context);
    const token = selectToken(vault, selector);
    return [...vault.listVersions(token.id)].sort((a, b) => b.createdAt - a.createdAt);
  },
};
