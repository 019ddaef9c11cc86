/**
 * Expiry rules, pure: a token's state at a moment, given per-kind lead times.
 * Revoked wins over everything; no expiry is `never` when a source (the provider, the user) says
 * so, else `unknown`; at the expiry instant it is expired.
 */
import type { ExpiryState, TokenKind, TokenView } from '../../shared/model';

export const MINUTE_MS = 60 * 1000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/** How long before expiry a token counts as `expiring`, per kind, in milliseconds. */
export type LeadTimes = Readonly<Record<TokenKind, number>>;

export const DEFAULT_LEAD_TIMES: LeadTimes = {
  'api-key': 14 * DAY_MS,
  'personal-access-token': 14 * DAY_MS,
  'admin-key': 14 * DAY_MS,
  manual: 14 * DAY_MS,
  'satellite-token': 7 * DAY_MS,
  session: 5 * MINUTE_MS,
};

export type ExpiryFacts = Pick<TokenView, 'kind' | 'expiresAt' | 'revoked'> & Partial<Pick<TokenView, 'expirySource'>>;

export function expiryState(token: ExpiryFacts, now: number, leadTimes: LeadTimes = DEFAULT_LEAD_TIMES): ExpiryState {
  if (token.revoked) return 'revoked';
  if (token.expiresAt === null) return token.expirySource == null ? 'unknown' : 'never';
  if (now >= token.expiresAt) return 'expired';
  return token.expiresAt - now <= leadTimes[token.kind] ? 'expiring' : 'fresh';
}

/** True when a live token's expiry falls at or before `now + windowMs` (already expired included). */
export function expiresWithin(token: ExpiryFacts, now: number, windowMs: number): boolean {
  return !token.revoked && token.expiresAt !== null && token.expiresAt <= now + windowMs;
}

/** When the token enters its lead time (for notifications), or null if it never will. */
export function expiringFrom(token: ExpiryFacts, leadTimes: LeadTimes = DEFAULT_LEAD_TIMES): number | null {
  if (token.revoked || token.expiresAt === null) return null;
  return token.expiresAt - leadTimes[token.kind];
}

/** Milliseconds left (negative once expired), or null when unknown or revoked. */
export function msUntilExpiry(token: ExpiryFacts, now: number): number | null {
  if (token.revoked || token.expiresAt === null) return null;
  return token.expiresAt - now;
}
