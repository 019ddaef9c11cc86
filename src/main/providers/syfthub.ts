/**
 * SyftHub (Syft Space's identity side): long-lived personal access tokens (`syft_pat_…`) created,
 * listed and revoked by API. The connection signs in with a username and password (sessions in
 * syfthub-session.ts) or with a PAT, which the server accepts for managing PATs (accounts that sign
 * in with Google have no password). Checked against OpenMined/syfthub's source: docs/providers.md.
 */
import { z } from 'zod';

import { err, ok, type Result } from '../../shared/errors';
import { connectionHttp, parseTime, toIso } from './adapter-kit';
import type { HttpClient } from './http';
import { jwtExpiresAt } from './jwt';
import { withSession } from './session-cache';
import { createHubSessions, SYFTHUB_API as API } from './syfthub-session';
import type { Capabilities, ProviderClient, ProviderFactory, RemoteKey, VerifyResult } from './types';

const LABEL = 'SyftHub';
const PAGE_SIZE = 100;
const MAX_PAGES = 200;
const PAT_PREFIX = 'syft_pat_';
/** The server shows the first 16 characters of a PAT (`token_prefix`). */
const SHOWN_PREFIX = 16;
/** When neither the rotation policy nor the user gives an expiry (as for Haut.AI). */
export const SYFTHUB_DEFAULT_EXPIRY_DAYS = 90;
/** The server offers read, write and full; Keyturn asks for the least unless the connection says. */
const NARROWEST_SCOPES = ['read'] as const;
const SCOPES = ['read', 'write', 'full'] as const;

export const syftHubCapabilities: Capabilities = {
  session: true,
  create: true,
  list: true,
  revoke: true,
  verify: true,
  expiryKnown: true,
  secretShownOnce: true,
};

const patSchema = z.object({
  id: z.union([z.number().int(), z.string().min(1)]),
  name: z.string(),
  token_prefix: z.string().optional(),
  scopes: z.array(z.string()).optional(),
  is_active: z.boolean().optional(),
  expires_at: z.string().nullable().optional(),
  created_at: z.string().nullable().optional(),
  last_used_at: z.string().nullable().optional(),
});
const createdSchema = patSchema.extend({ token: z.string().min(1) });
const listSchema = z.object({ tokens: z.array(patSchema), total: z.number().int().nonnegative() });
const meSchema = z.looseObject({ email: z.string().optional(), username: z.string().optional() });
type Pat = z.infer<typeof patSchema>;

function toRemoteKey(pat: Pat): RemoteKey {
  return {
    keyId: String(pat.id),
    name: pat.name,
    isActive: pat.is_active ?? true,
    expiresAt: parseTime(pat.expires_at),
    createdAt: parseTime(pat.created_at),
    lastUsedAt: parseTime(pat.last_used_at),
  };
}

/** The 400 at 50 active tokens, in plain words with what to do. */
function explainLimit<T>(result: Result<T>): Result<T> {
  if (result.ok || result.error.code !== 'PROVIDER_REJECTED') return result;
  const limit = /Maximum number of API tokens \((\d+)\)/i.exec(result.error.message)?.[1];
  if (limit === undefined) return result;
  return err(
    'PROVIDER_REJECTED',
    `SyftHub allows at most ${limit} active personal access tokens per account, and this account has ${limit}. ` +
      'Revoke the ones no longer used (keyturn revoke, or your SyftHub settings), then try again.',
  );
}

/** Scopes from the connection setting `scopes` (e.g. "write"), else the narrowest the server offers. */
function scopesOf(settings: Readonly<Record<string, string>>): Result<readonly string[]> {
  const asked = (settings.scopes ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (asked.length === 0) return ok(NARROWEST_SCOPES);
  const unknown = asked.find((s) => !(SCOPES as readonly string[]).includes(s));
  return unknown === undefined
    ? ok(asked)
    : err('INVALID_INPUT', `SyftHub scopes are ${SCOPES.join(', ')}; the connection setting says "${unknown}"`);
}

export const createSyftHubClient: ProviderFactory = (connection, deps): ProviderClient => {
  const { credential } = connection;
  const sessions = createHubSessions(connection, deps, () => http);
  const http: HttpClient = connectionHttp(LABEL, connection, deps, () => sessions.cache.secrets());

  /** A PAT credential is used as it is; a password goes through the (stored) session. */
  function authed<T>(call: (token: string) => Promise<Result<T>>): Promise<Result<T>> {
    return credential.kind === 'token' ? call(credential.token) : withSession(sessions.cache, call);
  }

  const listPage = (token: string, skip: number, secrets: string[] = []): Promise<Result<z.infer<typeof listSchema>>> =>
    http.json(
      {
        method: 'GET',
        path: `${API}/auth/tokens`,
        bearer: token,
        query: { include_inactive: false, skip, limit: PAGE_SIZE },
        secrets,
      },
      listSchema,
    );

  async function listAll(token: string): Promise<Result<RemoteKey[]>> {
    const keys: RemoteKey[] = [];
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const answer = await listPage(token, page * PAGE_SIZE);
      if (!answer.ok) return answer;
      keys.push(...answer.value.tokens.map(toRemoteKey));
      if (answer.value.tokens.length === 0 || keys.length >= answer.value.total) break;
    }
    // Offsets shift if tokens change between pages: keep each id once.
    return ok([...new Map(keys.map((key) => [key.keyId, key])).values()]);
  }

  /** A PAT's own expiry, found by its shown prefix in the list it can read (one page). */
  async function patExpiry(secret: string): Promise<Pick<VerifyResult, 'expiresAt' | 'neverExpires'>> {
    const page = await listPage(secret, 0, [secret]);
    const mine = page.ok ? page.value.tokens.find((t) => t.token_prefix === secret.slice(0, SHOWN_PREFIX)) : undefined;
    if (mine === undefined) return { expiresAt: null };
    const expiresAt = parseTime(mine.expires_at);
    return expiresAt === null && mine.expires_at === null ? { expiresAt: null, neverExpires: true } : { expiresAt };
  }

  const me = (token: string, secrets: string[] = []): Promise<Result<z.infer<typeof meSchema>>> =>
    http.json({ method: 'GET', path: `${API}/auth/me`, bearer: token, secrets }, meSchema);

  return {
    provider: 'syfthub',
    capabilities: syftHubCapabilities,
    session: () => sessions.cache.get(),
    endSession: (token) => sessions.endSession(token),

    async createKey(request) {
      const scopes = scopesOf(connection.settings);
      if (!scopes.ok) return scopes;
      const expiresAt = request.expiresAt ?? deps.now() + SYFTHUB_DEFAULT_EXPIRY_DAYS * 86_400_000;
      const created = await authed((token) =>
        http.json(
          {
            method: 'POST',
            path: `${API}/auth/tokens`,
            bearer: token,
            // Always UTC with Z: on SQLite the server drops any offset and keeps the wall clock.
            json: { name: request.name, scopes: scopes.value, expires_at: toIso(expiresAt) },
          },
          createdSchema,
        ),
      );
      if (!created.ok) return explainLimit(created);
      const pat = created.value;
      return ok({
        keyId: String(pat.id),
        name: pat.name,
        secret: pat.token,
        expiresAt: parseTime(pat.expires_at),
        kind: 'personal-access-token',
      });
    },

    listKeys: () => authed(listAll),

    revokeKey: (keyId) =>
      authed((token) =>
        http.empty({ method: 'DELETE', path: `${API}/auth/tokens/${encodeURIComponent(keyId)}`, bearer: token }),
      ),

    async verify(secret) {
      const isPat = secret.startsWith(PAT_PREFIX);
      const who = await me(secret, [secret]);
      if (who.ok) {
        const identity = who.value.username ?? who.value.email ?? null;
        return ok({ identity, ...(isPat ? await patExpiry(secret) : { expiresAt: jwtExpiresAt(secret) }) });
      }
      // Older servers may refuse PATs on /auth/me: a PAT gets a second chance on the token list.
      if (who.error.code !== 'PROVIDER_UNAUTHORIZED' || !isPat) return who;
      const listed = await listPage(secret, 0, [secret]);
      return listed.ok ? ok({ identity: null, expiresAt: null }) : listed;
    },

    async check() {
      const who = await authed((token) => me(token));
      if (!who.ok) return who;
      const notes = credential.kind === 'token' ? ['signs in with a personal access token (no password kept)'] : [];
      return ok({ identity: who.value.username ?? who.value.email ?? null, notes });
    },
  };
};
