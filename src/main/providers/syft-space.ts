/**
 * Syft Space. The seed contract: email + password → a one-hour JWT that Keyturn stores as a
 * "session" token and renews by logging in again. The released server (OpenMined/syft-space) has
 * no login: an admin API key, or nothing at all in "dev mode"; which one a server speaks is asked
 * at connect (syft-space-flow.ts). Admin API keys and satellite tokens (`sat_…` in the seed,
 * SyftHub-signed 60-second JWTs in the real code) are stored and verified only.
 * See /work/shared/providers/syft-space.md and docs/providers.md.
 */
import { z } from 'zod';

import { err, ok, type Result } from '../../shared/errors';
import { connectionHttp, unsupported } from './adapter-kit';
import { isHubSatelliteJwt } from './detect';
import { decodeJwt, jwtExpiresAt, looksLikeJwt } from './jwt';
import { acceptsAnyKey, describeFlow, probeFlow, UNPROTECTED_NOTE } from './syft-space-flow';
import { createSessionCache, loginOnly, withSession } from './session-cache';
import type {
  Capabilities,
  ConnectionCheck,
  ProviderClient,
  ProviderConnection,
  ProviderDeps,
  Session,
  VerifyResult,
} from './types';

const LABEL = 'Syft Space';
const API = '/api/v1';
const SATELLITE_PREFIXES = ['sat_live_', 'sat_test_'] as const;

export const syftSpaceCapabilities: Capabilities = {
  session: true,
  create: false,
  list: false,
  revoke: false,
  verify: true,
  expiryKnown: true,
  secretShownOnce: false,
};

const loginSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive().optional(),
});
const meSchema = z.looseObject({
  email: z.string(),
  tenant_name: z.string().optional(),
  created_at: z.string().optional(),
});
const registeredSchema = z.looseObject({
  id: z.string(),
  email: z.string(),
  tenant_name: z.string(),
  created_at: z.string().optional(),
});
const anyJson = z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]);

export type SyftSpaceAccount = z.infer<typeof registeredSchema>;
export type SyftSpaceMe = z.infer<typeof meSchema>;

/** The Syft Space client adds the seed contract's account calls to the common interface. */
export interface SyftSpaceClient extends ProviderClient {
  /** Creates the account (email, password) with a tenant; `tenantName` defaults to settings.tenantName. */
  register(tenantName?: string): Promise<Result<SyftSpaceAccount>>;
  me(): Promise<Result<SyftSpaceMe>>;
  listDatasets(): Promise<Result<unknown>>;
}

export type TokenShape = 'session-jwt' | 'satellite-token' | 'admin-key';

/** Which kind of Syft Space secret a value is, by its shape alone. */
export function syftSpaceTokenShape(secret: string): TokenShape {
  if (SATELLITE_PREFIXES.some((prefix) => secret.startsWith(prefix))) return 'satellite-token';
  if (!looksLikeJwt(secret)) return 'admin-key';
  const claims = decodeJwt(secret);
  return claims !== null && isHubSatelliteJwt(claims) ? 'satellite-token' : 'session-jwt';
}

export function createSyftSpaceClient(connection: ProviderConnection, deps: ProviderDeps): SyftSpaceClient {
  const cache = createSessionCache({ now: deps.now, obtain: loginOnly(login) });
  const http = connectionHttp(LABEL, connection, deps, () => cache.secrets());
  const tenantHeader = (): Record<string, string> => {
    const tenant = connection.settings.tenantName;
    return tenant === undefined || tenant === '' ? {} : { 'x-tenant-name': tenant };
  };

  async function login(): Promise<Result<Session>> {
    const { credential } = connection;
    if (credential.kind === 'token') {
      return err('PROVIDER_UNSUPPORTED', 'This Syft Space connection uses an admin key; it has no login session');
    }
    if (credential.kind !== 'password') return err('INVALID_INPUT', 'Syft Space needs an email and password to log in');
    const started = deps.now();
    const answer = await http.json(
      {
        method: 'POST',
        path: `${API}/auth/login`,
        json: { email: credential.username, password: credential.password },
        retry: true,
      },
      loginSchema,
    );
    if (!answer.ok) return answer;
    const token = answer.value.access_token;
    const byLifetime = answer.value.expires_in === undefined ? null : started + answer.value.expires_in * 1000;
    const byClaim = jwtExpiresAt(token);
    const expiresAt = Math.min(byLifetime ?? Infinity, byClaim ?? Infinity);
    return ok({ token, expiresAt: Number.isFinite(expiresAt) ? expiresAt : started + 3600_000 });
  }

  async function verifyJwt(secret: string): Promise<Result<VerifyResult>> {
    const me = await http.json(
      { method: 'GET', path: `${API}/auth/me`, bearer: secret, headers: tenantHeader() },
      meSchema,
    );
    return me.ok ? ok({ identity: me.value.email, expiresAt: jwtExpiresAt(secret) }) : me;
  }

  /** Works, and does the server tell it from a key nobody has? (With no admin key set it does not.) */
  async function verifyAdminKey(secret: string): Promise<Result<VerifyResult>> {
    const tenants = await http.json(
      { method: 'GET', path: `${API}/tenants`, bearer: secret, secrets: [secret] },
      anyJson,
    );
    if (!tenants.ok) return tenants;
    const open = await acceptsAnyKey(http);
    if (!open.ok) return open;
    return ok({ identity: 'admin API key', expiresAt: null, ...(open.value ? { notes: [UNPROTECTED_NOTE] } : {}) });
  }

  /** At connect and in doctor: the server's sign-in flow, then the credential on it. */
  async function check(): Promise<Result<ConnectionCheck>> {
    const flow = await probeFlow(http);
    if (!flow.ok) return flow;
    const { credential } = connection;
    const notes = [describeFlow(flow.value)];
    if (credential.kind === 'password') {
      if (flow.value !== 'email-password') {
        return err(
          'INVALID_INPUT',
          `This Syft Space server has no email and password sign-in (${describeFlow(flow.value)}); connect with its admin API key instead`,
        );
      }
      const me = await client.me();
      return me.ok ? ok({ identity: me.value.email, notes }) : me;
    }
    if (credential.kind !== 'token')
      return err('INVALID_INPUT', 'Syft Space needs an admin API key, or an email and password');
    const verified = await verifyAdminKey(credential.token);
    if (!verified.ok) return verified;
    return ok({ identity: verified.value.identity, notes: [...new Set([...notes, ...(verified.value.notes ?? [])])] });
  }

  async function verifySatellite(secret: string): Promise<Result<VerifyResult>> {
    const slug = connection.settings.endpointSlug;
    if (slug === undefined || slug === '') {
      return err('INVALID_INPUT', 'Verifying a satellite token needs the connection setting "endpointSlug"');
    }
    const answer = await http.json(
      {
        method: 'POST',
        path: `${API}/endpoints/${encodeURIComponent(slug)}/query`,
        bearer: secret,
        headers: tenantHeader(),
        json: { messages: [{ role: 'user', content: 'ping' }] },
      },
      anyJson,
    );
    return answer.ok ? ok({ identity: `endpoint ${slug}`, expiresAt: jwtExpiresAt(secret) }) : answer;
  }

  const client: SyftSpaceClient = {
    provider: 'syft-space',
    capabilities: syftSpaceCapabilities,
    session: () => cache.get(),
    createKey: () => unsupported(LABEL, 'create tokens; sessions come from logging in'),
    listKeys: () => unsupported(LABEL, 'list tokens'),
    revokeKey: () => unsupported(LABEL, 'revoke tokens; sessions expire by themselves'),

    check,

    verify(secret) {
      switch (syftSpaceTokenShape(secret)) {
        case 'satellite-token':
          return verifySatellite(secret);
        case 'session-jwt':
          return verifyJwt(secret);
        case 'admin-key':
          return verifyAdminKey(secret);
      }
    },

    async register(tenantName) {
      const { credential } = connection;
      const tenant = tenantName ?? connection.settings.tenantName;
      if (credential.kind !== 'password' || tenant === undefined || tenant === '') {
        return err('INVALID_INPUT', 'Registering needs an email, a password and a tenant name');
      }
      return http.json(
        {
          method: 'POST',
          path: `${API}/auth/register`,
          json: { email: credential.username, password: credential.password, tenant_name: tenant },
        },
        registeredSchema,
      );
    },

    me: () =>
      withSession(cache, (token) =>
        http.json({ method: 'GET', path: `${API}/auth/me`, bearer: token, headers: tenantHeader() }, meSchema),
      ),

    listDatasets: () =>
      withSession(cache, (token) =>
        http.json({ method: 'GET', path: `${API}/datasets/`, bearer: token, headers: tenantHeader() }, anyJson),
      ),
  };
  return client;
}
