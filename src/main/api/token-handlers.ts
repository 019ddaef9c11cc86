/**
 * tokens:* and token:* — list and search views, copy in main, reveal (the one secret-returning
 * channel). Copy and reveal are audited.
 */
import { KeyturnError } from '../../shared/errors';
import type { TokenListItem } from '../../shared/ipc';
import type { EnvironmentView, TenantView, TokenView } from '../../shared/model';
import { expiryState } from '../lifecycle/expiry';
import { leadTimesFor } from './window-settings';
import type { Vault } from '../vault/types';
import { requireVault, type AppContext } from './context';
import type { HandlerBodies } from './handler';

type TokenChannels = 'tokens:list' | 'tokens:search' | 'token:copy' | 'token:reveal';

export const tokenHandlers: HandlerBodies<TokenChannels> = {
  'tokens:list': (_input, context) => toListItems(requireVault(context).listTokens(), context),

  'tokens:search': ({ query }, context) => {
    const vault = requireVault(context);
    const tokens = query.trim() === '' ? vault.listTokens() : vault.searchTokens(query.trim());
    return toListItems(tokens, context);
  },

  'token:copy': async ({ tokenId }, context) => {
    const vault = requireVault(context);
    const token = usableToken(vault, tokenId);
    const { clearsAt } = await context.clipboard.copy(vault.openSecret(token.id));
    // Audited with its last-used time (the tray's recent list and the window's "recent" sort).
    vault.recordUse(token.id, context.clock.now(), { action: 'copy', detail: context.callerName ?? 'app' });
    return { clearsAt, clearAfterMs: clearsAt - context.clock.now() };
  },

  'token:reveal': ({ tokenId }, context) => {
    const vault = requireVault(context);
    const token = vault.getToken(tokenId);
    const secret = vault.openSecret(token.id);
    vault.audit('reveal', token.id, context.callerName ?? 'app');
    return { tokenId: token.id, secret };
  },
};

function usableToken(vault: Vault, tokenId: string): TokenView {
  const token = vault.getToken(tokenId);
  if (token.revoked) throw new KeyturnError('TOKEN_REVOKED', `“${token.label}” is revoked`);
  return token;
}

/** Joins tenant and environment names once per call (maps, not per-row lookups). */
export function toListItems(tokens: readonly TokenView[], context: AppContext): readonly TokenListItem[] {
  const vault = requireVault(context);
  const tenants = byId<TenantView>(vault.listTenants());
  const environments = byId<EnvironmentView>(vault.listEnvironments());
  const now = context.clock.now();
  const leadTimes = leadTimesFor(context, vault);
  return tokens.map((token) => {
    const environment = environments.get(token.environmentId);
    return {
      ...token,
      tenantName: tenants.get(token.tenantId)?.name ?? '',
      environmentName: environment?.name ?? '',
      environmentKind: environment?.kind ?? 'custom',
      expiryState: expiryState(token, now, leadTimes),
    };
  });
}

function byId<T extends { readonly id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}
