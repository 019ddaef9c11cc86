/**
 * The one way the tray, the GUI and the CLI get a token's value: a session that is expired or
 * inside its refresh window is refreshed first (log in again, store the new value); an expired
 * value that cannot be refreshed is a clear TOKEN_EXPIRED, never a stale secret handed out.
 * Every value handed out is audited: the audit entry and the token's last-used time are
 * committed together (vault.recordUse) before the value is returned.
 */
import { err, ok, toErrorData, type Result } from '../../shared/errors';
import type { TokenView } from '../../shared/model';
import type { UseAudit, Vault } from '../vault/types';
import type { ClientSource } from './context';
import { versionWithStatus } from './vault-keys';

/** Syft Space's clients log in again within 5 minutes of expiry; Haut.AI's short token is alike. */
export const SESSION_REFRESH_WINDOW_MS = 5 * 60_000;

export interface FreshSecret {
  readonly secret: string;
  readonly expiresAt: number | null;
  readonly refreshed: boolean;
}

export interface SessionRefreshDeps {
  readonly now: () => number;
  readonly clients: ClientSource;
}

export interface FreshSecretDeps extends SessionRefreshDeps {
  /** The audit entry for this hand-out (e.g. reveal, "cli get"); written with the last-used time. */
  readonly use: UseAudit;
}

export function needsRefresh(token: TokenView, now: number): boolean {
  return (
    token.kind === 'session' &&
    token.connectionId !== null &&
    token.expiresAt !== null &&
    now >= token.expiresAt - SESSION_REFRESH_WINDOW_MS
  );
}

export async function freshSecret(vault: Vault, tokenId: string, deps: FreshSecretDeps): Promise<Result<FreshSecret>> {
  try {
    const token = vault.getToken(tokenId);
    if (token.revoked) return err('TOKEN_REVOKED', `“${token.label}” is revoked`);
    const now = deps.now();
    const refreshed = needsRefresh(token, now) ? await refreshSession(vault, token, deps) : null;
    if (refreshed !== null && refreshed.ok) return ok(use(vault, tokenId, now, deps.use, refreshed.value, true));
    if (token.expiresAt !== null && now >= token.expiresAt) {
      const why = refreshed === null ? '' : ` and could not be refreshed (${refreshed.error.message})`;
      return err('TOKEN_EXPIRED', `“${token.label}” has expired${why}`);
    }
    const value = { secret: vault.openSecret(tokenId), expiresAt: token.expiresAt };
    return ok(use(vault, tokenId, now, deps.use, value, false));
  } catch (cause) {
    return { ok: false, error: toErrorData(cause) };
  }
}

/** Audits the hand-out and marks the token used in one commit; throws (no value out) if that fails. */
function use(
  vault: Vault,
  tokenId: string,
  now: number,
  audit: UseAudit,
  value: { secret: string; expiresAt: number | null },
  refreshed: boolean,
): FreshSecret {
  vault.recordUse(tokenId, now, audit);
  return { secret: value.secret, expiresAt: value.expiresAt, refreshed };
}

/** Background refresh (the scheduler): no lastUsedAt, since nobody used the value. */
export async function refreshSessionIfDue(
  vault: Vault,
  tokenId: string,
  deps: SessionRefreshDeps,
): Promise<Result<boolean>> {
  try {
    const token = vault.getToken(tokenId);
    if (token.revoked || !needsRefresh(token, deps.now())) return ok(false);
    const refreshed = await refreshSession(vault, token, deps);
    return refreshed.ok ? ok(true) : refreshed;
  } catch (cause) {
    return { ok: false, error: toErrorData(cause) };
  }
}

async function refreshSession(
  vault: Vault,
  token: TokenView,
  deps: SessionRefreshDeps,
): Promise<Result<{ secret: string; expiresAt: number }>> {
  if (token.connectionId === null) return err('TOKEN_EXPIRED', 'no connection to log in with');
  const session = await deps.clients.get(token.connectionId).session();
  if (!session.ok) return session;
  const { token: secret, expiresAt } = session.value;
  if (expiresAt <= deps.now()) return err('PROVIDER_BAD_RESPONSE', 'the provider returned an expired session');
  const current = versionWithStatus(vault, token.id, 'current');
  if (current === null) vault.addVersion(token.id, secret, { status: 'current', expiresAt });
  else vault.replaceSecret(current.id, secret, expiresAt);
  vault.updateToken(token.id, { expiresAt, expirySource: 'provider', lastVerifiedAt: deps.now() });
  return ok({ secret, expiresAt });
}
