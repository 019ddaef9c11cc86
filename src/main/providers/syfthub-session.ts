/**
 * SyftHub sign-in: form login → 30-minute access token and 7-day refresh token, renewed through
 * `/auth/refresh` (its own, looser rate limit) before logging in again, because the server allows
 * 10 logins a minute per IP and answers the 11th with a bare 429. The session is kept in the
 * connection's SessionStore (the vault, sealed), so the next process refreshes it instead of
 * logging in. `/auth/logout` blacklists an access token.
 */
import { z } from 'zod';

import { err, ok, type Result } from '../../shared/errors';
import type { HttpClient } from './http';
import type { RateLimitRule } from './http-retry';
import { jwtExpiresAt } from './jwt';
import { createSessionCache, type HeldSession, type SessionCache } from './session-cache';
import type { ProviderConnection, ProviderDeps, Session } from './types';

export const SYFTHUB_API = '/api/v1';
const ACCESS_LIFETIME_MS = 30 * 60 * 1000;
const REFRESH_LIFETIME_MS = 7 * 24 * 3600 * 1000;
/** core/rate_limit.py with config.py's defaults: a fixed window per client IP, in Redis. */
export const LOGIN_LIMIT: RateLimitRule = { windowSeconds: 60, rule: 'allows 10 logins a minute from one address' };
const REFRESH_LIMIT: RateLimitRule = {
  windowSeconds: 60,
  rule: 'allows 60 session refreshes a minute from one address',
};

const tokensSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  token_type: z.string().optional(),
});

export interface HubSessions {
  readonly cache: SessionCache;
  /** Blacklists an access token at the server; one already refused counts as ended. */
  endSession(token: string): Promise<Result<void>>;
}

export function createHubSessions(
  connection: ProviderConnection,
  deps: ProviderDeps,
  http: () => HttpClient,
): HubSessions {
  function accept(answer: z.infer<typeof tokensSchema>, started: number, previous: HeldSession | null): HeldSession {
    const access: Session = {
      token: answer.access_token,
      expiresAt: jwtExpiresAt(answer.access_token) ?? started + ACCESS_LIFETIME_MS,
    };
    const refresh =
      answer.refresh_token === undefined
        ? (previous?.refresh ?? null)
        : {
            token: answer.refresh_token,
            expiresAt: jwtExpiresAt(answer.refresh_token) ?? started + REFRESH_LIFETIME_MS,
          };
    return { access, refresh };
  }

  /** Use the refresh token while it lives; log in with the password otherwise or if it fails. */
  async function renew(previous: HeldSession | null): Promise<Result<HeldSession>> {
    const started = deps.now();
    const refresh = previous?.refresh ?? null;
    if (refresh !== null && refresh.expiresAt > started) {
      const refreshed = await http().json(
        {
          method: 'POST',
          path: `${SYFTHUB_API}/auth/refresh`,
          json: { refresh_token: refresh.token },
          retry: true,
          rateLimit: REFRESH_LIMIT,
        },
        tokensSchema,
      );
      if (refreshed.ok) return ok(accept(refreshed.value, started, previous));
      const code = refreshed.error.code;
      if (code !== 'PROVIDER_UNAUTHORIZED' && code !== 'PROVIDER_REJECTED') return refreshed;
    }
    return login(started);
  }

  async function login(started: number): Promise<Result<HeldSession>> {
    const { credential } = connection;
    if (credential.kind === 'token') {
      return err(
        'PROVIDER_UNSUPPORTED',
        'This SyftHub connection uses a personal access token; it has no login session',
      );
    }
    if (credential.kind !== 'password')
      return err('INVALID_INPUT', 'SyftHub needs a username and password, or a personal access token');
    const answer = await http().json(
      {
        method: 'POST',
        path: `${SYFTHUB_API}/auth/login`,
        form: { username: credential.username, password: credential.password },
        retry: true,
        rateLimit: LOGIN_LIMIT,
      },
      tokensSchema,
    );
    return answer.ok ? ok(accept(answer.value, started, null)) : answer;
  }

  const store = connection.credential.kind === 'password' ? connection.sessionStore : undefined;
  const cache = createSessionCache({ now: deps.now, obtain: renew, ...(store === undefined ? {} : { store }) });

  return {
    cache,
    async endSession(token) {
      const answer = await http().empty({
        method: 'POST',
        path: `${SYFTHUB_API}/auth/logout`,
        bearer: token,
        secrets: [token],
        retry: true,
      });
      if (cache.peek()?.access.token === token) cache.invalidate();
      // A token the server already refuses (expired, blacklisted) cannot be used again either.
      return answer.ok || answer.error.code === 'PROVIDER_UNAUTHORIZED' ? ok(undefined) : answer;
    },
  };
}
