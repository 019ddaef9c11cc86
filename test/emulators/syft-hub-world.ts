/**
 * The SyftHub emulator's state and settings, shared by its auth and token routes. What is fixed
 * here was read in OpenMined/syfthub (components/backend); see docs/providers.md, "Real server".
 */
import type { RateWindow } from './rate-window';
import type { SyftHubDatabase } from './syft-hub-time';

/** A per-IP fixed window, as the server's Redis limiter counts (`SET NX EX` then `INCR`). */
export interface WindowLimit {
  readonly max: number;
  readonly windowSeconds: number;
}

/** What a deployment decides, as switches; the defaults are the server's own defaults. */
export interface SyftHubProfile {
  database: SyftHubDatabase;
  /** `POST /auth/login`: 10 a minute per IP (`auth_rate_limit_*`); null = no Redis (the limiter fails open). */
  loginLimit: WindowLimit | null;
  /** `POST /auth/refresh`: 60 a minute per IP (`refresh_rate_limit_*`). */
  refreshLimit: WindowLimit | null;
  /** A limit per bearer token on every route, for fault tests (not a server feature). */
  rateLimitPerMinute: number | null;
  /** The server's `MAX_TOKENS_PER_USER`; tests that create many keys raise it. */
  maxActiveTokens: number;
  /** The real `/auth/me` accepts PATs; false lets tests check the adapter's fallback. */
  meAcceptsPat: boolean;
}

export const defaultSyftHubProfile: SyftHubProfile = {
  database: 'sqlite',
  loginLimit: { max: 10, windowSeconds: 60 },
  refreshLimit: { max: 60, windowSeconds: 60 },
  rateLimitPerMinute: null,
  maxActiveTokens: 50,
  meAcceptsPat: true,
};

export interface HubUser {
  readonly id: number;
  readonly username: string;
  readonly email: string;
  /** Null for an account that signs in with Google (no password login). */
  readonly password: string | null;
  readonly createdAt: number;
  lastLoginAt: number | null;
}

export interface Pat {
  readonly id: number;
  readonly userId: number;
  name: string;
  readonly token: string;
  readonly scopes: string[];
  readonly expiresAt: number | null;
  lastUsedAt: number | null;
  isActive: boolean;
  readonly createdAt: number;
  updatedAt: number;
}

export interface SyftHubState {
  readonly users: HubUser[];
  readonly pats: Map<number, Pat>;
  /** Access tokens sent to `/auth/logout`, until their `exp` (ms): the server's in-memory blacklist. */
  readonly blacklist: Map<string, number>;
  /** Personal access tokens neither revoked nor expired. */
  activeKeys(): Array<{ id: number; name: string; expiresAt: string | null }>;
}

export interface World {
  readonly state: SyftHubState;
  readonly profile: SyftHubProfile;
  /** HS256 key of access and refresh tokens. */
  readonly key: Buffer;
  readonly now: () => number;
  readonly nextId: () => number;
  readonly limits: { readonly login: RateWindow; readonly refresh: RateWindow };
}

export const isLive = (pat: Pat, now: number): boolean =>
  pat.isActive && (pat.expiresAt === null || pat.expiresAt > now);
