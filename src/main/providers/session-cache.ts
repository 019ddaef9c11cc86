/**
 * Keeps one provider session in memory and logs in again when it is expired or within the
 * refresh window (5 minutes by default). Concurrent callers share one login.
 */
import type { Result } from '../../shared/errors';
import type { Session } from './types';

export const SESSION_REFRESH_WINDOW_MS = 5 * 60 * 1000;

export interface SessionCache {
  /** A session valid for at least the refresh window, logging in (or refreshing) if needed. */
  get(): Promise<Result<Session>>;
  /** Forget the session (after a 401), so the next `get` logs in again. */
  invalidate(): void;
  /** The tokens held now, for redaction. */
  secrets(): readonly string[];
}

export interface SessionSource {
  /** Obtain a fresh session; `previous` is the expiring one (for refresh-token flows). */
  readonly obtain: (previous: Session | null) => Promise<Result<Session>>;
  readonly now: () => number;
  readonly windowMs?: number;
}

export function createSessionCache(source: SessionSource): SessionCache {
  let current: Session | null = null;
  let pending: Promise<Result<Session>> | null = null;
  const windowMs = source.windowMs ?? SESSION_REFRESH_WINDOW_MS;

  function isFresh(session: Session): boolean {
    return session.expiresAt - source.now() > windowMs;
  }

  return {
    async get() {
      if (current !== null && isFresh(current)) return { ok: true, value: current };
      if (pending === null) {
        pending = source.obtain(current).then((result) => {
          pending = null;
          current = result.ok ? result.value : null;
          return result;
        });
      }
      return pending;
    },
    invalidate() {
      current = null;
    },
    secrets() {
      return current === null ? [] : [current.token];
    },
  };
}

/**
 * Runs an authenticated call with the session, and once more with a new session if the
 * provider answered 401 (the session was revoked or the server restarted).
 */
export async function withSession<T>(
  cache: SessionCache,
  call: (token: string) => Promise<Result<T>>,
): Promise<Result<T>> {
  const first = await cache.get();
  if (!first.ok) return first;
  const result = await call(first.value.token);
  if (result.ok || result.error.code !== 'PROVIDER_UNAUTHORIZED') return result;
  cache.invalidate();
  const second = await cache.get();
  if (!second.ok) return second;
  return call(second.value.token);
}
