/**
 * A token's value for use, through lifecycle's freshSecret (the one path of the tray, the
 * window and the CLI): revoked refused, sessions refreshed first, expired never handed out.
 * Every value handed out is audited, in the same commit as its last-used time and before the
 * value is returned. Provider code loads only when a refresh is due, or when an earlier rotation
 * of the token was left open (settle-first.ts).
 */
import { KeyturnError } from '../../shared/errors';
import type { FreshSecretView, SecretPurpose } from '../../shared/ipc-cli-channels';
import type { TokenView } from '../../shared/model';
import type { ClientSource } from '../lifecycle/context';
import { freshSecret, needsRefresh } from '../lifecycle/fresh-secret';
import type { AuditAction, Vault } from '../vault/types';
import type { AppContext } from './context';
import { providerDeps } from './provider-deps';
import { settleBeforeUse } from './settle-first';

const NO_CLIENTS: ClientSource = {
  get() {
    throw new KeyturnError('INTERNAL', 'No provider client expected here');
  },
};

const AUDIT_ACTION: Readonly<Record<SecretPurpose, AuditAction>> = {
  get: 'reveal',
  reveal: 'reveal',
  run: 'reveal',
  env: 'reveal',
  copy: 'copy',
  export: 'export',
};

/** Provider clients over the vault's connections (loaded on demand: it pulls in every adapter). */
export async function providerClients(vault: Vault, context: AppContext): Promise<ClientSource> {
  const { ProviderClients } = await import('../lifecycle/clients');
  return new ProviderClients(vault, providerDeps(context));
}

export async function revealFresh(
  context: AppContext,
  vault: Vault,
  asked: TokenView,
  purpose: SecretPurpose,
): Promise<FreshSecretView> {
  const token = await settleBeforeUse(context, vault, asked);
  const now = () => context.clock.now();
  const clients = needsRefresh(token, now()) ? await providerClients(vault, context) : NO_CLIENTS;
  const use = { action: AUDIT_ACTION[purpose], detail: `${context.callerName ?? 'app'} ${purpose}` };
  const result = await freshSecret(vault, token.id, { now, clients, use });
  if (!result.ok) {
    const { code, message, retryAfterSeconds } = result.error;
    throw new KeyturnError(code, message, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });
  }
  return { tokenId: token.id, ...result.value };
}
