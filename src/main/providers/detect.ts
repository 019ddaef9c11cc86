/**
 * Recognises a pasted token without sending it anywhere: its provider, kind, environment and
 * expiry, from prefixes and (unverified) JWT claims. Pure.
 */
import type { EnvironmentKind, ExpirySource, ProviderId, TokenKind } from '../../shared/model';
import { decodeJwt, type JwtClaims } from './jwt';

export type Confidence = 'high' | 'medium' | 'low';

export interface DetectedToken {
  readonly provider: ProviderId;
  readonly kind: TokenKind;
  readonly environmentKind: EnvironmentKind | null;
  readonly expiresAt: number | null;
  readonly expirySource: ExpirySource | null;
  readonly confidence: Confidence;
}

/** A JWT living this long or less is a login session rather than a key. */
const SESSION_MAX_LIFETIME_MS = 2 * 3600_000;

interface Guess {
  readonly provider: ProviderId;
  readonly kind: TokenKind;
  readonly environmentKind: EnvironmentKind | null;
  readonly confidence: Confidence;
}

const PREFIXES: ReadonlyArray<readonly [string, Guess]> = [
  ['sat_live_', { provider: 'syft-space', kind: 'satellite-token', environmentKind: 'production', confidence: 'high' }],
  ['sat_test_', { provider: 'syft-space', kind: 'satellite-token', environmentKind: 'test', confidence: 'high' }],
  ['syft_pat_', { provider: 'syfthub', kind: 'personal-access-token', environmentKind: null, confidence: 'high' }],
  ['st_', { provider: 'synaptask', kind: 'api-key', environmentKind: null, confidence: 'high' }],
];

const UNKNOWN: Guess = { provider: 'manual', kind: 'manual', environmentKind: null, confidence: 'low' };

export function detectToken(pasted: string): DetectedToken {
  const value = pasted.trim().replace(/^bearer\s+/i, '');
  const prefixed = PREFIXES.find(([prefix]) => value.startsWith(prefix) && value.length > prefix.length + 8);
  if (prefixed !== undefined) return { ...prefixed[1], expiresAt: null, expirySource: null };
  const claims = decodeJwt(value);
  if (claims === null) return { ...UNKNOWN, expiresAt: null, expirySource: null };
  const expiresAt = claims.exp === undefined ? null : Math.round(claims.exp * 1000);
  return { ...guessFromClaims(claims), expiresAt, expirySource: expiresAt === null ? null : 'jwt' };
}

function lifetimeMs(claims: JwtClaims): number | null {
  return claims.exp === undefined || claims.iat === undefined ? null : (claims.exp - claims.iat) * 1000;
}

function environmentFromClaims(claims: JwtClaims): EnvironmentKind | null {
  const raw = [claims.env, claims.environment, claims.aud]
    .find((v): v is string => typeof v === 'string')
    ?.toLowerCase();
  if (raw === undefined) return null;
  if (/\b(prod|production|live)\b/.test(raw)) return 'production';
  if (/\b(staging|stage)\b/.test(raw)) return 'staging';
  if (/\b(dev|development)\b/.test(raw)) return 'development';
  if (/\b(test|testing|sandbox)\b/.test(raw)) return 'test';
  return null;
}

function guessFromClaims(claims: JwtClaims): Guess {
  const issuer = claims.iss?.toLowerCase() ?? '';
  const lifetime = lifetimeMs(claims);
  const isShort = lifetime !== null && lifetime <= SESSION_MAX_LIFETIME_MS;
  const environmentKind = environmentFromClaims(claims);
  if (issuer.includes('satori')) return { provider: 'satori', kind: 'api-key', environmentKind, confidence: 'high' };
  if (issuer.includes('haut')) {
    return { provider: 'haut-ai', kind: isShort ? 'session' : 'api-key', environmentKind, confidence: 'high' };
  }
  if (issuer.includes('syfthub')) return { provider: 'syfthub', kind: 'session', environmentKind, confidence: 'high' };
  // Syft Space's seed contract: claims email, tenant_name, exp, iat; lives one hour.
  if (claims.email !== undefined && claims.tenant_name !== undefined) {
    return { provider: 'syft-space', kind: 'session', environmentKind, confidence: 'medium' };
  }
  if (claims.tenant_id !== undefined && claims.token_id !== undefined) {
    return { provider: 'satori', kind: 'api-key', environmentKind, confidence: 'medium' };
  }
  // Haut.AI signs simplejwt-style tokens: token_type "private" for private tokens, "access" for logins.
  if (claims.company_id !== undefined || (claims.token_type === 'private' && claims.user_id !== undefined)) {
    return { provider: 'haut-ai', kind: isShort ? 'session' : 'api-key', environmentKind, confidence: 'medium' };
  }
  return { ...UNKNOWN, kind: isShort ? 'session' : 'manual', environmentKind };
}
