/**
 * connection:remove — unbind an environment from a provider account. The tokens bound to it keep
 * their values but lose the connection (rotate and revoke need one); while any of them may still
 * work at the provider, disconnecting asks for revoke or remove first, or `force`. Refused while
 * a provider operation through the connection is unfinished.
 */
import { KeyturnError } from '../../shared/errors';
import type { ConnectionView, ProviderId } from '../../shared/model';
import type { Vault } from '../vault/types';
import { requireVault } from './context';
import type { HandlerBodies } from './handler';
import { requireEnvironment } from './resolve';
import { mayBeLiveAtProvider } from './token-remove-handlers';

function pickConnection(
  vault: Vault,
  environmentId: string,
  where: string,
  provider: ProviderId | undefined,
): ConnectionView {
  const all = vault.listConnections().filter((c) => c.environmentId === environmentId);
  const matching = all.filter((c) => provider === undefined || c.provider === provider);
  const [first, second] = matching;
  if (!first) throw new KeyturnError('NOT_FOUND', `${where} is not connected${provider ? ` to ${provider}` : ''}`);
  if (second)
    throw new KeyturnError(
      'INVALID_INPUT',
      `${where} is connected to ${all.map((c) => c.provider).join(' and ')}: name the provider to disconnect`,
    );
  return first;
}

function assertNoUnfinishedJournal(vault: Vault, connection: ConnectionView): void {
  const open = vault.listJournal({ unfinishedOnly: true }).find((e) => e.data.connectionId === connection.id);
  if (open)
    throw new KeyturnError(
      'ROTATION_IN_PROGRESS',
      `A ${open.operation} through this connection is unfinished; finish it before disconnecting`,
    );
}

export const disconnectHandlers: HandlerBodies<'connection:remove'> = {
  'connection:remove': ({ provider, force, ...ref }, context) => {
    const vault = requireVault(context);
    const { environment } = requireEnvironment(vault, ref);
    const where = `${ref.tenant}/${ref.environment}`;
    const connection = pickConnection(vault, environment.id, where, provider);
    assertNoUnfinishedJournal(vault, connection);
    const bound = vault.listTokens().filter((t) => t.connectionId === connection.id);
    const live = bound.filter((t) => mayBeLiveAtProvider(vault, t));
    if (!force && live.length > 0)
      throw new KeyturnError(
        'INVALID_INPUT',
        `${live.length} token(s) of ${where} may still work at ${connection.provider} (${live.map((t) => t.label).join(', ')}): revoke or remove them first, or disconnect anyway with --force`,
      );
    for (const token of bound) vault.updateToken(token.id, { connectionId: null });
    vault.removeConnection(connection.id);
    const detail = `${context.callerName ?? 'app'} disconnected ${connection.provider}; ${bound.length} token(s) unbound`;
    vault.audit('delete', connection.id, detail);
    return { removed: connection.id, provider: connection.provider, unbound: bound.length };
  },
};
