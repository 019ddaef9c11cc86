/** Expiry state for display: how close a token is to its expiry, with a lead time per kind. */
import type { ExpiryState, TokenView } from '../shared/model';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Sessions live minutes, keys live months: warn at a lead time that fits each. */
export function leadTimeMs(token: Pick<TokenView, 'kind'>): number {
  return token.kind === 'session' ? 10 * MINUTE : 7 * DAY;
}

export function expiryState(token: Pick<TokenView, 'kind' | 'revoked' | 'expiresAt'>, now: number): ExpiryState {
  if (token.revoked) return 'revoked';
  if (token.expiresAt === null) return 'unknown';
  if (token.expiresAt <= now) return 'expired';
  if (token.expiresAt - now <= leadTimeMs(token)) return 'expiring';
  return 'fresh';
}

export const DAY_MS = DAY;

/** `--expires`: an ISO-8601 date/time, or a relative `30d` / `12h` / `45m`. */
export function parseExpiry(text: string, now: number): number | null {
  const relative = /^(\d+)([dhm])$/.exec(text);
  if (relative) {
    const unit = relative[2] === 'd' ? DAY : relative[2] === 'h' ? 60 * MINUTE : MINUTE;
    return now + Number(relative[1]) * unit;
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at;
}
