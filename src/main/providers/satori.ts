/**
 * Satori: tenant-scoped API tokens. The connection's credential is an existing token (the
 * first comes from the tenant's administrator); more are created with it and deactivated,
 * never deleted. See /work/shared/providers/satori.md.
 */
import { z } from 'zod';

import { err, ok, type Result } from '../../shared/errors';
import { connectionHttp, parseTime, requireSetting, toIso, unsupported } from './adapter-kit';
import { jwtExpiresAt } from './jwt';
import type { Capabilities, ProviderClient, ProviderFactory, RemoteKey, VerifyResult } from './types';

const LABEL = 'Satori';

export const satoriCapabilities: Capabilities = {
  session: false,
  create: true,
  list: true,
  revoke: true,
  verify: true,
  expiryKnown: true,
  secretShownOnce: true,
};

const isoOrNull = z.string().nullable().optional();

const tokenSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  is_active: z.boolean(),
  expires_at: isoOrNull,
  created_at: isoOrNull,
  last_used: isoOrNull,
});

const createdSchema = tokenSchema.extend({ key: z.string().min(1) });
// The contract documents a plain array; a DRF-paginated answer is accepted too.
const listSchema = z.union([
  z.array(tokenSchema),
  z.object({ results: z.array(tokenSchema) }).transform((p) => p.results),
]);
const tenantSchema = z.looseObject({ id: z.string().optional(), name: z.string().optional() });

function toRemoteKey(token: z.infer<typeof tokenSchema>): RemoteKey {
  return {
    keyId: token.id,
    name: token.name,
    isActive: token.is_active,
    expiresAt: parseTime(token.expires_at),
    createdAt: parseTime(token.created_at),
    lastUsedAt: parseTime(token.last_used),
  };
}

export const createSatoriClient: ProviderFactory = (connection, deps): ProviderClient => {
  const http = connectionHttp(LABEL, connection, deps);
  const tenantPath = (tenantId: string): string => `/api/tenants/${encodeURIComponent(tenantId)}`;

  function context(): Result<{ tenantId: string; token: string }> {
    const tenantId = requireSetting(connection, LABEL, 'tenantId');
    if (!tenantId.ok) return tenantId;
    if (connection.credential.kind !== 'token') {
      return {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'Satori needs an existing token as the connection credential' },
      };
    }
    return ok({ tenantId: tenantId.value, token: connection.credential.token });
  }

  async function verifyOn(tenantId: string, secret: string): Promise<Result<VerifyResult>> {
    const tenant = await http.json(
      { method: 'GET', path: `${tenantPath(tenantId)}/`, bearer: secret, secrets: [secret] },
      tenantSchema,
    );
    return tenant.ok ? ok({ identity: tenant.value.name ?? null, expiresAt: jwtExpiresAt(secret) }) : tenant;
  }

  return {
    provider: 'satori',
    capabilities: satoriCapabilities,
    session: () => unsupported(LABEL, 'log in; it uses tokens issued by the tenant administrator'),

    async createKey(request) {
      const ctx = context();
      if (!ctx.ok) return ctx;
      const body =
        request.expiresAt === null
          ? { name: request.name }
          : { name: request.name, expires_at: toIso(request.expiresAt) };
      const created = await http.json(
        { method: 'POST', path: `${tenantPath(ctx.value.tenantId)}/tokens/`, bearer: ctx.value.token, json: body },
        createdSchema,
      );
      if (!created.ok) return created;
      const { key } = created.value;
      return ok({
        keyId: created.value.id,
        name: created.value.name,
        secret: key,
        expiresAt: parseTime(created.value.expires_at) ?? jwtExpiresAt(key),
        kind: 'api-key',
      });
    },

    async listKeys() {
      const ctx = context();
      if (!ctx.ok) return ctx;
      const listed = await http.json(
        { method: 'GET', path: `${tenantPath(ctx.value.tenantId)}/tokens/`, bearer: ctx.value.token },
        listSchema,
      );
      return listed.ok ? ok(listed.value.map(toRemoteKey)) : listed;
    },

    async revokeKey(keyId) {
      const ctx = context();
      if (!ctx.ok) return ctx;
      const base = `${tenantPath(ctx.value.tenantId)}/tokens/${encodeURIComponent(keyId)}`;
      const put = (path: string): Promise<Result<z.infer<typeof tokenSchema>>> =>
        http.json({ method: 'PUT', path, bearer: ctx.value.token, json: { is_active: false } }, tokenSchema);
      // Whether the path has a trailing slash is unknown: try the documented form, then the other.
      const first = await put(base);
      const answer = first.ok || first.error.code !== 'PROVIDER_NOT_FOUND' ? first : await put(`${base}/`);
      if (!answer.ok) return answer;
      return answer.value.is_active
        ? err('PROVIDER_BAD_RESPONSE', 'Satori: the token is still active after deactivation')
        : ok(undefined);
    },

    async check() {
      const ctx = context();
      if (!ctx.ok) return ctx;
      const verified = await verifyOn(ctx.value.tenantId, ctx.value.token);
      return verified.ok ? ok({ identity: verified.value.identity, notes: [] }) : verified;
    },

    async verify(secret) {
      const tenantId = requireSetting(connection, LABEL, 'tenantId');
      if (!tenantId.ok) return tenantId;
      return verifyOn(tenantId.value, secret);
    },
  };
};
