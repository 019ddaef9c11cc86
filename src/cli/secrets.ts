/**
 * Opening a token's secret for use, through lifecycle's freshSecret: revoked tokens refused,
 * sessions refreshed first, expired values never handed out. Every reveal is audited.
 * Provider code is loaded only when a refresh is due, so a plain `get` stays small and fast.
 */
import { KeyturnError } from '../shared/errors';
import type { TokenView } from '../shared/model';
import type { ClientSource } from '../main/lifecycle/context';
import { freshSecret as lifecycleFreshSecret, needsRefresh } from '../main/lifecycle/fresh-secret';
import type { Vault } from '../main/vault/types';
import type { Context } from './context';

export type RevealPurpose = 'get' | 'copy' | 'run' | 'env' | 'export';

const NO_CLIENTS: ClientSource = {
  get() {
    throw new KeyturnError('INTERNAL', 'No provider client expected here');
  },
};

export async function providerClients(vault: Vault): Promise<ClientSource> {
  const { ProviderClients } = await import('../main/lifecycle/clients');
  return new ProviderClients(vault, { now: () => Date.now() });
}

export async function freshSecret(
  _ctx: Context,
  vault: Vault,
  token: TokenView,
  purpose: RevealPurpose,
): Promise<string> {
  const now = Date.now();
  const clients = needsRefresh(token, now) ? await providerClients(vault) : NO_CLIENTS;
  const result = await lifecycleFreshSecret(vault, token.id, { now: () => Date.now(), clients });
  if (!result.ok) throw new KeyturnError(result.error.code, result.error.message);
  vault.audit(purpose === 'copy' ? 'copy' : purpose === 'export' ? 'export' : 'reveal', token.id, `CLI ${purpose}`);
  return result.value.secret;
}
