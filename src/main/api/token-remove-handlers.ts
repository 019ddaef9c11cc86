/**
 * token:remove and token:rename. A token whose value may still work at its provider is not
 * forgotten silently: removing it asks for a revoke first, or `force`. Neither runs while a
 * provider operation on the token is unfinished (its journal needs the token to finish).
 */
import { KeyturnError } from '../../shared/errors';
import type { TokenView } from '../../shared/model';
import type { Vault } from '../vault/types';
import { requireVault } from './context';
import type { HandlerBodies } from './handler';
import { selectToken } from './resolve';

type RemoveChannels = 'token:remove' | 'token:rename';

/** Keys of this token that may still work at the provider: not revoked, from a real provider. */
export function mayBeLiveAtProvider(vault: Vault, token: TokenView): boolean {
  if (token.revoked || token.provider === 'manual') return false;
  return vault.listVersions(token.id).some((version) => version.status !== 'revoked');
}

function assertNoUnfinishedJournal(vault: Vault, token: TokenView): void {
  const open = vault.listJournal({ unfinishedOnly: true }).find((entry) => entry.tokenId === token.id);
  if (open)
    throw new KeyturnError(
      'ROTATION_IN_PROGRESS',
      `A ${open.operation} of “${token.label}” is unfinished; finish it before removing the token`,
    );
}

export const tokenRemoveHandlers: HandlerBodies<RemoveChannels> = {
  'token:remove': ({ token: selector, force }, context) => {
    const vault = requireVault(context);
    const token = selectToken(vault, selector);
    assertNoUnfinishedJournal(vault, token);
    if (!force && mayBeLiveAtProvider(vault, token))
      throw new KeyturnError(
        'INVALID_INPUT',
        `“${token.label}” may still work at ${token.provider}: revoke it first (keyturn revoke), or remove it anyway with --force`,
      );
    vault.removeToken(token.id);
    const how = force ? ' (forced)' : '';
    vault.audit('delete', token.id, `${context.callerName ?? 'app'} removed token “${token.label}”${how}`);
    return { removed: token.id, label: token.label };
  },

  'token:rename': ({ token: selector, label }, context) => {
    const vault = requireVault(context);
    const token = selectToken(vault, selector);
    const renamed = vault.updateToken(token.id, { label });
    vault.audit('update', token.id, `${context.callerName ?? 'app'} renamed “${token.label}” to “${renamed.label}”`);
    return renamed;
  },
};
