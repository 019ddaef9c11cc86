/** Opening a token's secret for use: refuse revoked tokens, refresh sessions, audit the reveal. */
import { KeyturnError } from '../shared/errors';
import type { TokenView } from '../shared/model';
import type { Vault } from '../main/vault/types';
import type { Context } from './context';

export type RevealPurpose = 'get' | 'copy' | 'run' | 'env' | 'export';

export async function freshSecret(_ctx: Context, vault: Vault, token: TokenView, purpose: RevealPurpose): Promise<string> {
  if (token.revoked) throw new KeyturnError('TOKEN_REVOKED', `Token "${token.label}" is revoked`);
  const secret = vault.openSecret(token.id);
  vault.audit(purpose === 'copy' ? 'copy' : purpose === 'export' ? 'export' : 'reveal', token.id, `CLI ${purpose}`);
  return secret;
}
