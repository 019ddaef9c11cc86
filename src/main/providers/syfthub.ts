/**
 * SyftHub (Syft Space's identity side): form login → 30-minute access token and a 7-day
 * refresh token; long-lived personal access tokens (`syft_pat_…`) created, listed and revoked
 * by API. See "Observed elsewhere" in /work/shared/providers/syft-space.md.
 */
import { z } from 'zod';

import { err, ok, type Result } from '../../shared/errors';
import { connectionHttp, parseTime, toIso } from './adapter-kit';
import { jwtExpiresAt } from './jwt';
import { createSessionCache, withSession } from './session-cache';
import type { Capabilities, ProviderClient, ProviderFactory, RemoteKey, Session } from './types';

const LABEL = 'SyftHub';
const API = '/api/v1';
const ACCESS_LIFETIME_MS = 30 * 60 * 1000;
const REFRESH_LIFETIME_MS = 7 * 24 * 3600 * 1000;
const PAGE_SIZE = 50;
const PAT_PREFIX = 'syft_pat_';
const MAX_PAGES = 200;

export const syftHubCapabilities: Capabilities = {
  session: true,
  create: true,
  list: true,
  revoke: true,
  verify: true,
  expiryKnown: true,
  secretShownOnce: true,
};

const tokensSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  token_type: z.string().optional(),
});
const patSchema = z.object({
  id: z.union([z.number().int(), z.string().min(1)]),
  name: z.string(),
  is_active: z.boolean().optional(),
  expires_at: z.string().nullable().optional(),
  created_at: z.string().nullable().optional(),
  last_used_at: z.string().nullable().optional(),
});
const createdSchema = patSchema.extend({ token: z.string().min(1) });
const listSchema = z.object({ tokens: z.array(patSchema), total: z.number().int().nonnegative() });
const meSchema = z.looseObject({ email: z.string().optional(), username: z.string().optional() });

function toRemoteKey(pat: z.infer<typeof patSchema>): RemoteKey {
  return {
    keyId: String(pat.id),
    name: pat.name,
    isActive: pat.is_active ?? true,
    expiresAt: parseTime(pat.expires_at),
    createdAt: parseTime(pat.created_at),
    lastUsedAt: parseTime(pat.last_used_at),
  };
}

export const createSyftHubClient: ProviderFactory = (connection, deps): ProviderClient => {
  let refresh: { token: string; expiresAt: number } | null = null;
  const cache = createSessionCache({ now: deps.now, obtain: (previous) => renew(previous) });
  const http = connectionHttp(LABEL, connection, deps, () => [...cache.secrets(), ...(refresh ? [refresh.token] : [])]);

  function accept(answer: z.infer<typeof tokensSchema>, started: number): Session {
    if (answer.refresh_token !== undefined) {
      refresh = {
        token: answer.refresh_token,
        expiresAt: jwtExpiresAt(answer.refresh_token) ?? started + REFRESH_LIFETIME_MS,
      };
    }
    return { token: answer.access_token, expiresAt: jwtExpiresAt(answer.access_token) ?? started + ACCESS_LIFETIME_MS };
  }

  /** Use the refresh token while it lives; log in with the password otherwise or if it fails. */
  async function renew(previous: Session | null): Promise<Result<Session>> {
    const started = deps.now();
    if (previous !== null && refresh !== null && refresh.expiresAt > started) {
      const refreshed = await http.json(
        { method: 'POST', path: `${API}/auth/refresh`, json: { refresh_token: refresh.token }, retry: true },
        tokensSchema,
      );
      if (refreshed.ok) return ok(accept(refreshed.value, started));
      refresh = null;
      if (refreshed.error.code !== 'PROVIDER_UNAUTHORIZED' && refreshed.error.code !== 'PROVIDER_REJECTED')
        return refreshed;
    }
    return login(started);
  }

  async function login(started: number): Promise<Result<Session>> {
    const { credential } = connection;
    if (credential.kind !== 'password') return err('INVALID_INPUT', 'SyftHub needs a username and password to log in');
    const answer = await http.json(
      {
        method: 'POST',
        path: `${API}/auth/login`,
        form: { username: credential.username, password: credential.password },
        retry: true,
      },
      tokensSchema,
    );
    return answer.ok ? ok(accept(answer.value, started)) : answer;
  }

  async function listPage(token: string, skip: number): Promise<Result<z.infer<typeof listSchema>>> {
    return http.json(
      {
        method: 'GET',
        path: `${API}/auth/tokens`,
        bearer: token,
        query: { include_inactive: false, skip, limit: PAGE_SIZE },
      },
      listSchema,
    );
  }

  return {
    provider: 'syfthub',
    capabilities: syftHubCapabilities,
    session: () => cache.get(),

    async createKey(request) {
      const created = await withSession(cache, (token) =>
        http.json(
          {
            method: 'POST',
            path: `${API}/auth/tokens`,
            bearer: token,
            json: { name: request.name, expires_at: request.expiresAt === null ? null : toIso(request.expiresAt) },
          },
          createdSchema,
        ),
      );
      if (!created.ok) return created;
      const pat = created.value;
      return ok({
        keyId: String(pat.id),
        name: pat.name,
        secret: pat.token,
        expiresAt: parseTime(pat.expires_at),
        kind: 'personal-access-token',
      });
    },

    listKeys: () =>
      withSession(cache, async (token) => {
        const keys: RemoteKey[] = [];
        for (let page = 0; page < MAX_PAGES; page += 1) {
          const answer = await listPage(token, page * PAGE_SIZE);
          if (!answer.ok) return answer;
          keys.push(...answer.value.tokens.map(toRemoteKey));
          if (answer.value.tokens.length === 0 || keys.length >= answer.value.total) break;
        }
        // Offsets shift if tokens change between pages: keep each id once.
        return ok([...new Map(keys.map((key) => [key.keyId, key])).values()]);
      }),

    revokeKey: (keyId) =>
      withSession(cache, (token) =>
        http.empty({ method: 'DELETE', path: `${API}/auth/tokens/${encodeURIComponent(keyId)}`, bearer: token }),
      ),

    async verify(secret) {
      const me = await http.json(
        { method: 'GET', path: `${API}/auth/me`, bearer: secret, secrets: [secret] },
        meSchema,
      );
      if (me.ok) return ok({ identity: me.value.username ?? me.value.email ?? null, expiresAt: jwtExpiresAt(secret) });
      // Whether /auth/me accepts a PAT is unknown: a PAT it refuses gets a second chance on the
      // token list, which a PAT can read.
      if (me.error.code !== 'PROVIDER_UNAUTHORIZED' || !secret.startsWith(PAT_PREFIX)) return me;
      const listed = await http.json(
        { method: 'GET', path: `${API}/auth/tokens`, bearer: secret, query: { skip: 0, limit: 1 }, secrets: [secret] },
        listSchema,
      );
      return listed.ok ? ok({ identity: null, expiresAt: null }) : listed;
    },
  };
};
