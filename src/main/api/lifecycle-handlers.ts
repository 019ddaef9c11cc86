/**
 * token:create, token:rotate, token:revoke (the lifecycle journal engine) and token:verify.
 * Each provider call and each committed journal step is reported on the progress port.
 */
import { KeyturnError } from '../../shared/errors';
import type { LifecycleResult } from '../../shared/ipc-cli-channels';
import type { ConnectionView, ProviderId } from '../../shared/model';
import type { LifecycleDeps } from '../lifecycle/context';
import type { RunOutcome } from '../lifecycle/outcome';
import type { Vault } from '../vault/types';
import { requireVault, type AppContext } from './context';
import { providerClients } from './fresh';
import type { HandlerBodies } from './handler';
import { requireEnvironment, selectToken } from './resolve';

type LifecycleChannels = 'token:create' | 'token:rotate' | 'token:revoke' | 'token:verify';

/** The engine's fault points double as progress: calls before they start, steps once committed. */
async function lifecycleDeps(context: AppContext, vault: Vault): Promise<LifecycleDeps> {
  const progress = context.progress;
  return {
    now: () => context.clock.now(),
    clients: await providerClients(vault, context),
    faultPoint: (label) => {
      if (!progress) return;
      if (label.startsWith('before ') && !label.startsWith('before commit'))
        progress({ kind: 'call', label: label.slice(7) });
      const journal = /^after commit journal (.+)$/.exec(label);
      if (journal) progress({ kind: 'step', step: journal[1] ?? '' });
    },
  };
}

function toResult(vault: Vault, outcome: RunOutcome): LifecycleResult {
  switch (outcome.status) {
    case 'done':
    case 'waiting':
      return {
        status: outcome.status,
        journalId: outcome.journalId,
        token: outcome.tokenId === null ? null : vault.getToken(outcome.tokenId),
        previousRevokedAfter: outcome.status === 'waiting' ? outcome.until : null,
      };
    case 'pending':
      throw new KeyturnError(outcome.error.code, `Queued, not finished: ${outcome.error.message}`);
    case 'failed':
      throw new KeyturnError('PROVIDER_REJECTED', outcome.reason);
    case 'needs-user':
      throw new KeyturnError('ROTATION_FAILED', outcome.message);
  }
}

export function connectionFor(vault: Vault, environmentId: string, provider: ProviderId | undefined): ConnectionView {
  const [first, second] = vault
    .listConnections()
    .filter((c) => c.environmentId === environmentId && (provider === undefined || c.provider === provider));
  if (!first)
    throw new KeyturnError('NOT_FOUND', 'This environment is not connected to a provider (see keyturn connect)');
  if (second)
    throw new KeyturnError('INVALID_INPUT', 'This environment has several connections: pick one with --provider');
  return first;
}

export const lifecycleHandlers: HandlerBodies<LifecycleChannels> = {
  'token:create': async ({ label, provider, expiresAt, ...ref }, context) => {
    const vault = requireVault(context);
    const { environment } = requireEnvironment(vault, ref);
    const connection = connectionFor(vault, environment.id, provider);
    const { createManagedToken } = await import('../lifecycle/rotation');
    const request = {
      environmentId: environment.id,
      connectionId: connection.id,
      label,
      keyExpiresAt: expiresAt ?? null,
    };
    return toResult(vault, await createManagedToken(vault, request, await lifecycleDeps(context, vault)));
  },

  'token:rotate': async ({ token: selector }, context) => {
    const vault = requireVault(context);
    const token = selectToken(vault, selector);
    const { rotateToken } = await import('../lifecycle/rotation');
    return toResult(vault, await rotateToken(vault, token.id, await lifecycleDeps(context, vault)));
  },

  'token:revoke': async ({ token: selector }, context) => {
    const vault = requireVault(context);
    const token = selectToken(vault, selector);
    const { revokeToken } = await import('../lifecycle/rotation');
    return toResult(vault, await revokeToken(vault, token.id, await lifecycleDeps(context, vault)));
  },

  'token:verify': async ({ token: selector }, context) => {
    const vault = requireVault(context);
    const token = selectToken(vault, selector);
    const connectionId = token.connectionId ?? vault.findConnection(token.environmentId, token.provider)?.id ?? null;
    if (connectionId === null)
      throw new KeyturnError('NOT_FOUND', 'This token has no provider connection to verify against');
    const client = (await providerClients(vault, context)).get(connectionId);
    context.progress?.({ kind: 'call', label: `asking ${token.provider}` });
    const result = await client.verify(vault.openSecret(token.id));
    const who = context.callerName ?? 'app';
    vault.audit('verify', token.id, result.ok ? `${who} verify: works` : `${who} verify: ${result.error.code}`);
    if (!result.ok) throw new KeyturnError(result.error.code, result.error.message);
    const { expiresAt, neverExpires, notes } = result.value;
    const expiry =
      expiresAt !== null
        ? { expiresAt, expirySource: 'provider' as const }
        : neverExpires === true
          ? { expiresAt: null, expirySource: 'provider' as const }
          : {};
    const updated = vault.updateToken(token.id, { lastVerifiedAt: context.clock.now(), ...expiry });
    return { valid: true, identity: result.value.identity, notes: notes ?? [], token: updated };
  },
};
