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
  // What Syft Space deployments (and its emulator) name their SYFT_ADMIN_API_KEY; the server takes any string.
  ['sk_admin_', { provider: 'syft-space', kind: 'admin-key', environmentKind: null, confidence: 'medium' }],
  ['st_', { provider: 'synaptask', kind: 'api-key', environmentKind: null, confidence: 'high' }],
];

const UNKNOWN: Guess = { provider: 'manual', kind: 'manual', environmentKind: null, confidence: 'low' };

/**
 * The kind a value has when the user says which provider it is for, and recognition said
 * otherwise (or nothing): a Syft Space value that is neither a JWT nor `sat_…` is its admin key.
 */
export function kindFor(provider: ProviderId, pasted: string): TokenKind {
  const detected = detectToken(pasted);
  if (detected.provider === provider) return detected.kind;
  const isJwt = decodeJwt(pasted.trim()) !== null;
  switch (provider) {
    case 'syft-space':
      return isJwt ? 'session' : 'admin-key';
    case 'syfthub':
      return isJwt ? 'session' : 'personal-access-token';
    case 'haut-ai':
    case 'satori':
    case 'synaptask':
      return detected.kind === 'session' ? 'session' : 'api-key';
    case 'manual':
      return 'manual';
  }
}

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

/**
 * A SyftHub satellite token (auth/satellite_tokens.py): RS256, `iss` the hub's issuer URL
 * (`https://hub.syft.com` by default), `aud` the username of the Syft Space it is meant for,
 * `role`, and no `type` (access and refresh tokens have one). Lives 60 seconds.
 */
export function isHubSatelliteJwt(claims: JwtClaims): boolean {
  const issuer = claims.iss?.toLowerCase() ?? '';
  return (
    /syft/.test(issuer) && typeof claims.aud === 'string' && claims.role !== undefined && claims.type === undefined
  );
}

/** SyftHub's own access `{sub, username, role, exp, type: "access"}` and refresh tokens: no `iss`, no `iat`. */
function isHubSessionJwt(claims: JwtClaims): boolean {
  return (
    claims.iss === undefined &&
    typeof claims.sub === 'string' &&
    claims.username !== undefined &&
    (claims.type === 'access' || claims.type === 'refresh')
  );
}

function guessFromClaims(claims: JwtClaims): Guess {
  const issuer = claims.iss?.toLowerCase() ?? '';
  const lifetime = lifetimeMs(claims);
  const isShort = lifetime !== null && lifetime <= SESSION_MAX_LIFETIME_MS;
  const environmentKind = environmentFromClaims(claims);
  if (isHubSatelliteJwt(claims)) {
    // Its `aud` is a username, not an environment.
    const environment = environmentFromClaims({ ...claims, aud: undefined });
    return { provider: 'syft-space', kind: 'satellite-token', environmentKind: environment, confidence: 'high' };
  }
  if (isHubSessionJwt(claims)) return { provider: 'syfthub', kind: 'session', environmentKind, confidence: 'medium' };
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
