/**
 * Haut.AI SaaS: JSON login → a short-lived token (renewed by logging in again), and
 * long-lived private tokens created (expiry required), listed page by page and deleted.
 * See /work/shared/providers/haut-ai.md.
 */
import { z } from 'zod';

import { err, ok, type Result } from '../../shared/errors';
import { connectionHttp, parseTime, requireSetting, toIso } from './adapter-kit';
import { jwtExpiresAt } from './jwt';
import { createSessionCache, loginOnly, withSession } from './session-cache';
import type { Capabilities, ProviderClient, ProviderFactory, RemoteKey, Session } from './types';

const LABEL = 'Haut.AI';
const TOKENS = '/api/v1/auth/private_tokens/';
/** Haut.AI requires an expiry on every private token; this is Keyturn's default when none is asked. */
export const HAUT_AI_DEFAULT_EXPIRY_DAYS = 90;
const SHORT_TOKEN_LIFETIME_MS = 3600_000;
const PAGE_SIZE = 100;
const MAX_PAGES = 500;

export const hautAiCapabilities: Capabilities = {
  session: true,
  create: true,
  list: true,
  revoke: true,
  verify: true,
  expiryKnown: true,
  secretShownOnce: true,
};

const loginSchema = z
  .looseObject({ access_token: z.string().min(1).optional(), token_access: z.string().min(1).optional() })
  .refine((body) => body.access_token !== undefined || body.token_access !== undefined, {
    message: 'no token in login answer',
  });
const tokenSchema = z.object({
  id: z.union([z.number().int(), z.string().min(1)]),
  name: z.string(),
  expiration_time: z.string().nullable().optional(),
});
const createdSchema = tokenSchema.extend({ data: z.string().min(1) });
const datasetsSchema = z.union([z.array(z.unknown()), z.looseObject({ results: z.array(z.unknown()) })]);
const pageSchema = z.object({
  count: z.number().int().nonnegative().optional(),
  next: z.string().nullable().optional(),
  results: z.array(tokenSchema),
});

function toRemoteKey(token: z.infer<typeof tokenSchema>): RemoteKey {
  return {
    keyId: String(token.id),
    name: token.name,
    isActive: true,
    expiresAt: parseTime(token.expiration_time),
    createdAt: null,
    lastUsedAt: null,
  };
}

export const createHautAiClient: ProviderFactory = (connection, deps): ProviderClient => {
  const cache = createSessionCache({ now: deps.now, obtain: loginOnly(login) });
  const http = connectionHttp(LABEL, connection, deps, () => cache.secrets());

  async function login(): Promise<Result<Session>> {
    const { credential } = connection;
    if (credential.kind !== 'password')
      return err('PROVIDER_UNSUPPORTED', 'This Haut.AI connection uses a private token, not a login');
    const started = deps.now();
    const answer = await http.json(
      {
        method: 'POST',
        path: '/api/v1/auth/login/',
        json: { username: credential.username, password: credential.password },
        retry: true,
      },
      loginSchema,
    );
    if (!answer.ok) return answer;
    const token = answer.value.access_token ?? answer.value.token_access ?? '';
    return ok({ token, expiresAt: jwtExpiresAt(token) ?? started + SHORT_TOKEN_LIFETIME_MS });
  }

  /** A private token as credential is used as it is; a password credential goes through a session. */
  function authed<T>(call: (token: string) => Promise<Result<T>>): Promise<Result<T>> {
    const { credential } = connection;
    return credential.kind === 'token' ? call(credential.token) : withSession(cache, call);
  }

  async function listAll(token: string, pageSize: number, maxPages: number): Promise<Result<RemoteKey[]>> {
    const keys: RemoteKey[] = [];
    const seen = new Set<string>();
    let next: string | null = TOKENS;
    for (let page = 0; next !== null && page < maxPages; page += 1) {
      const query = page === 0 ? { page: 1, page_size: pageSize } : undefined;
      const answer: Result<z.infer<typeof pageSchema>> = await http.json(
        { method: 'GET', path: next, bearer: token, query },
        pageSchema,
      );
      if (!answer.ok) return answer;
      keys.push(...answer.value.results.map(toRemoteKey));
      next = answer.value.next ?? null;
      if (next !== null && seen.has(next)) return err('PROVIDER_BAD_RESPONSE', 'Haut.AI: pagination links loop');
      if (next !== null) seen.add(next);
    }
    return ok(keys);
  }

  return {
    provider: 'haut-ai',
    capabilities: hautAiCapabilities,
    session: () => cache.get(),

    async createKey(request) {
      const expiresAt = request.expiresAt ?? deps.now() + HAUT_AI_DEFAULT_EXPIRY_DAYS * 24 * 3600_000;
      const created = await authed((token) =>
        http.json(
          {
            method: 'POST',
            path: TOKENS,
            bearer: token,
            json: { name: request.name, expiration_time: toIso(expiresAt) },
          },
          createdSchema,
        ),
      );
      if (!created.ok) return created;
      const { data } = created.value;
      return ok({
        keyId: String(created.value.id),
        name: created.value.name,
        secret: data,
        expiresAt: parseTime(created.value.expiration_time) ?? jwtExpiresAt(data) ?? expiresAt,
        kind: 'api-key',
      });
    },

    listKeys: () => authed((token) => listAll(token, PAGE_SIZE, MAX_PAGES)),

    revokeKey: (keyId) =>
      authed((token) =>
        http.empty({ method: 'DELETE', path: `${TOKENS}${encodeURIComponent(keyId)}/`, bearer: token }),
      ),

    // The company's datasets: a wrong login or private token, or a company_id not theirs, shows here.
    async check() {
      const companyId = requireSetting(connection, LABEL, 'companyId');
      if (!companyId.ok) return companyId;
      const path = `/api/v1/companies/${encodeURIComponent(companyId.value)}/datasets/`;
      const answer = await authed((token) =>
        http.json({ method: 'GET', path, bearer: token, query: { page_size: 1 } }, datasetsSchema),
      );
      return answer.ok ? ok({ identity: null, notes: [] }) : answer;
    },

    async verify(secret) {
      const answer = await http.json(
        { method: 'GET', path: TOKENS, bearer: secret, query: { page_size: 1 }, secrets: [secret] },
        pageSchema,
      );
      return answer.ok ? ok({ identity: null, expiresAt: jwtExpiresAt(secret) }) : answer;
    },
  };
};
