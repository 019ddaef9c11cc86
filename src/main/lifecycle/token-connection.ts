/**
 * Which provider account a token belongs to, and which provider key a stored value is: one rule
 * for every operation (verify, rotate, revoke), so a token added before its environment was
 * connected is treated the same by all of them.
 */
import type { TokenView, VersionView } from '../../shared/model';
import { decodeJwt } from '../providers/jwt';
import type { Vault } from '../vault/types';

/** The token's own connection, else its environment's connection to the token's provider. */
export function connectionOf(vault: Vault, token: TokenView): string | null {
  return token.connectionId ?? vault.findConnection(token.environmentId, token.provider)?.id ?? null;
}

/**
 * connectionOf, recorded on the token when it came from the environment: the keys a rotation makes
 * then belong to a connected token, which is what the orphan checks look for (vault-keys.ts).
 */
export function bindConnection(vault: Vault, token: TokenView): string | null {
  const connectionId = connectionOf(vault, token);
  if (connectionId !== null && token.connectionId === null) vault.updateToken(token.id, { connectionId });
  return connectionId;
}

/**
 * The provider key id of a stored version: the one the provider gave when Keyturn created it, or
 * one the value itself carries when the user pasted it (pastedKeyId).
 */
export function keyIdOf(
  vault: Vault,
  tokenId: string,
  version: VersionView,
  connectionId: string | null,
): string | null {
  if (version.providerKeyId !== null) return version.providerKeyId;
  if (connectionId === null) return null;
  const connection = vault.getConnection(connectionId);
  const credential = vault.openCredential(connectionId);
  const secret = vault.openSecret(tokenId, version.id);
  // Never the connection's own credential: revoking it would cut Keyturn off from the account.
  if (credential.kind === 'token' && credential.token.trim() === secret.trim()) return null;
  return pastedKeyId(connection.provider, secret, connection.settings);
}

/**
 * A Satori token is a JWT whose `token_id` claim is its id at the provider, so a pasted one can be
 * revoked by Keyturn after a rotation. Only when its `tenant_id` is the connection's tenant: in
 * another tenant the id is "not found", and a revoke answered "not found" counts as done.
 */
export function pastedKeyId(
  provider: TokenView['provider'],
  secret: string,
  settings: Readonly<Record<string, string>>,
): string | null {
  if (provider !== 'satori') return null;
  const claims = decodeJwt(secret);
  if (claims === null || typeof claims.token_id !== 'string' || claims.token_id === '') return null;
  return claims.tenant_id === settings.tenantId ? claims.token_id : null;
}
