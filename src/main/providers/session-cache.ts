/**
 * Keeps one provider session and renews it when it is expired or within the refresh window
 * (5 minutes by default). Concurrent callers share one renewal. With a SessionStore (the vault,
 * sealed) the session outlives the process: the next process starts from it, refreshing it
 * rather than logging in again, which matters where logins are rate-limited (SyftHub: 10 a
 * minute per IP).
 */
import { z } from 'zod';

import type { Result } from '../../shared/errors';
import type { Session, SessionStore } from './types';

export const SESSION_REFRESH_WINDOW_MS = 5 * 60 * 1000;

/** An access session and, where the provider gives one, its refresh token. */
export interface HeldSession {
  readonly access: Session;
  readonly refresh: Session | null;
}

export interface SessionCache {
  /** A session valid for at least the refresh window, logging in (or refreshing) if needed. */
  get(): Promise<Result<Session>>;
  /** The access session held now, fresh or not, without renewing it (null when none). */
  peek(): HeldSession | null;
  /** Forget the access session (after a 401, or a logout); a refresh token is kept for the next renewal. */
  invalidate(): void;
  /** The tokens held now, for redaction. */
  secrets(): readonly string[];
}

export interface SessionSource {
  /** Obtain a fresh session; `previous` is the expiring one (for refresh-token flows). */
  readonly obtain: (previous: HeldSession | null) => Promise<Result<HeldSession>>;
  readonly now: () => number;
  readonly windowMs?: number;
  readonly store?: SessionStore;
}

const storedSchema = z.object({
  access: z.object({ token: z.string().min(1), expiresAt: z.number() }),
  refresh: z.object({ token: z.string().min(1), expiresAt: z.number() }).nullable(),
});

function load(store: SessionStore | undefined): HeldSession | null {
  const text = store?.load() ?? null;
  if (text === null) return null;
  try {
    const parsed = storedSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function createSessionCache(source: SessionSource): SessionCache {
  let current: HeldSession | null = null;
  let loaded = false;
  let pending: Promise<Result<Session>> | null = null;
  const windowMs = source.windowMs ?? SESSION_REFRESH_WINDOW_MS;

  const isFresh = (held: HeldSession): boolean => held.access.expiresAt - source.now() > windowMs;
  const held = (): HeldSession | null => {
    if (!loaded) {
      loaded = true;
      current = load(source.store);
    }
    return current;
  };
  const remember = (next: HeldSession | null): void => {
    current = next;
    source.store?.save(next === null ? null : JSON.stringify(next));
  };

  function renew(): Promise<Result<Session>> {
    pending ??= source.obtain(held()).then((result) => {
      pending = null;
      remember(result.ok ? result.value : null);
      return result.ok ? { ok: true, value: result.value.access } : result;
    });
    return pending;
  }

  return {
    get() {
      const now = held();
      return now !== null && isFresh(now) ? Promise.resolve({ ok: true, value: now.access }) : renew();
    },
    peek: () => held(),
    invalidate() {
      const now = held();
      if (now !== null) remember({ access: { ...now.access, expiresAt: 0 }, refresh: now.refresh });
    },
    secrets() {
      const now = current;
      return now === null ? [] : [now.access.token, ...(now.refresh ? [now.refresh.token] : [])];
    },
  };
}

/** For providers whose login gives an access token only: renewing is logging in again. */
export function loginOnly(login: () => Promise<Result<Session>>): SessionSource['obtain'] {
  return async () => {
    const session = await login();
    return session.ok ? { ok: true, value: { access: session.value, refresh: null } } : session;
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
