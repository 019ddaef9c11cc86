/**
 * The window's token actions by id: the outline and the windowed list (queries stay in main), a
 * pasted token recognised, the detail pane, edit and delete. Delete refuses a token whose key is
 * still alive at the provider unless the user said to leave it (the window offers "revoke first").
 */
import { KeyturnError } from '../../shared/errors';
import type { TokenListItem } from '../../shared/ipc';
import type { TokenView, VersionView } from '../../shared/model';
import type { TokenDetail } from '../../shared/window-views';
import { expiryState } from '../lifecycle/expiry';
import { leadTimesFor } from './window-settings';
import type { TokenPatch, Vault } from '../vault/types';
import { requireVault, type AppContext } from './context';
import type { HandlerBodies } from './handler';
import { queryTokenWindow } from './token-window';
import { readOutline } from './window-outline';

type WindowTokenChannels =
  'vault:outline' | 'tokens:window' | 'token:recognise' | 'token:detail' | 'token:update' | 'token:delete';

export const windowTokenHandlers: HandlerBodies<WindowTokenChannels> = {
  'vault:outline': (_input, context) => readOutline(context),

  'tokens:window': (input, context) => queryTokenWindow(input, context),

  'token:recognise': async ({ secret }) => {
    const { detectToken } = await import('../providers/detect');
    const { provider, kind, environmentKind, expiresAt, expirySource, confidence } = detectToken(secret);
    const known = confidence !== 'low';
    return {
      provider: known ? provider : null,
      kind: known ? kind : null,
      environmentKind,
      expiresAt,
      expirySource,
      confidence,
    };
  },

  'token:detail': (input, context) => readDetail(requireVault(context), input.tokenId, context),

  'token:update': ({ tokenId, ...patch }, context) => {
    const vault = requireVault(context);
    const before = vault.getToken(tokenId);
    // An expiry the user sets is theirs; clearing it drops the source too.
    const expiry: TokenPatch =
      patch.expiresAt === undefined
        ? {}
        : { expiresAt: patch.expiresAt, expirySource: patch.expiresAt === null ? null : 'user' };
    const updated = vault.updateToken(before.id, { ...withoutUndefined(patch), ...expiry });
    vault.audit('update', updated.id, `${context.callerName ?? 'app'} edit`);
    return updated;
  },

  'token:delete': async ({ tokenId, leaveLiveKeys }, context) => {
    const vault = requireVault(context);
    const token = vault.getToken(tokenId);
    const { rotationOfToken } = await import('./rotation-views');
    if (rotationOfToken(vault, token.id) !== null)
      throw new KeyturnError('ROTATION_IN_PROGRESS', `“${token.label}” has a rotation in progress; finish it first.`);
    const live = liveKeyIds(token, vault.listVersions(token.id));
    if (live.length > 0 && !leaveLiveKeys)
      throw new KeyturnError(
        'TOKEN_LIVE_AT_PROVIDER',
        `“${token.label}” still has a working key at the provider. Revoke it first, or delete it here and leave that key working.`,
      );
    vault.removeToken(token.id);
    const kept = live.length > 0 ? `; left ${live.length} provider key(s) alive` : '';
    vault.audit('delete', token.id, `${context.callerName ?? 'app'} delete${kept}`);
    return { removed: token.id };
  },
};

function withoutUndefined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Keys the provider may still honour: versions not revoked that carry a provider key id. */
function liveKeyIds(token: TokenView, versions: readonly VersionView[]): string[] {
  if (token.revoked) return [];
  return versions.flatMap((v) => (v.status !== 'revoked' && v.providerKeyId !== null ? [v.providerKeyId] : []));
}

async function readDetail(vault: Vault, tokenId: string, context: AppContext): Promise<TokenDetail> {
  const token = vault.getToken(tokenId);
  const versions = [...vault.listVersions(token.id)].sort((a, b) => b.createdAt - a.createdAt);
  const connectionId = token.connectionId ?? vault.findConnection(token.environmentId, token.provider)?.id ?? null;
  const { abilitiesOf } = await import('./provider-forms');
  const { rotationOfToken } = await import('./rotation-views');
  return {
    token: listItem(vault, token, context),
    expirySource: token.expirySource,
    connection: connectionId === null ? null : vault.getConnection(connectionId),
    abilities: abilitiesOf(token.provider),
    versions,
    liveProviderKeyIds: liveKeyIds(token, versions),
    rotation: rotationOfToken(vault, token.id),
  };
}

function listItem(vault: Vault, token: TokenView, context: AppContext): TokenListItem {
  const environment = vault.listEnvironments(token.tenantId).find((e) => e.id === token.environmentId);
  return {
    ...token,
    tenantName: vault.listTenants().find((t) => t.id === token.tenantId)?.name ?? '',
    environmentName: environment?.name ?? '',
    environmentKind: environment?.kind ?? 'custom',
    expiryState: expiryState(token, context.clock.now(), leadTimesFor(context, vault)),
  };
}
