import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { detail, dispatch, unauthorized, validationError, type Route } from './fastapi';
import {
  bearerOf,
  json,
  parseJsonBody,
  startEmulatorServer,
  type Emulator,
  type Reply,
  type RequestContext,
} from './harness';
import { isJwtExpired, newSigningKey, signJwt, verifyJwt } from './jwt';
import type { EmulatorOptions } from './satori-emulator';
import { seedSource, type SeedSource } from './stable-seed';

export {
  startSyftHubEmulator,
  defaultSyftHubProfile,
  type SyftHubProfile,
  type SyftHubSeed,
  type SyftHubState,
} from './syft-hub-emulator';

/**
 * Settings the contract leaves open; `adminApiKey: ''` is the server run without SYFT_ADMIN_API_KEY.
 * `flow: 'released'` is the server of OpenMined/syft-space as read in its source (AdminKeyMiddleware):
 * no /auth routes; with an admin key, every route but the public ones answers 401 "Admin API key
 * required" (an unknown route too, the middleware runs first); without one ("dev mode") nothing is
 * checked and an unknown route is a plain 404. `'seed'` is the seed contract's email/password server.
 */
export interface SyftSpaceProfile {
  rateLimitPerMinute: number | null;
  sessionSeconds: number;
  adminApiKey: string;
  flow: 'seed' | 'released';
}

export interface SyftSpaceUser {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly tenantName: string;
  readonly createdAt: string;
  readonly tenants: Set<string>;
}

export interface SyftSpaceState {
  readonly users: Map<string, SyftSpaceUser>;
  readonly tenants: Map<string, { name: string; createdAt: string }>;
  readonly satellites: Map<string, { environment: 'live' | 'test'; active: boolean }>;
  readonly endpoints: Set<string>;
  /** Lets `email` act on `tenantName` through X-Tenant-Name. */
  grantAccess(email: string, tenantName: string): void;
  /** What SyftHub's web UI does: issue or revoke a satellite token. */
  /** Issues a satellite token (`token` given: that one, for a seed that must survive a restart). */
  issueSatellite(environment: 'live' | 'test', token?: string): string;
  revokeSatellite(token: string): void;
}

export interface SyftSpaceSeed {
  email: string;
  password: string;
  tenantName: string;
  adminKey: string;
  satelliteLive: string;
  satelliteTest: string;
  otherTenantName: string;
  endpointSlug: string;
}

interface World {
  state: SyftSpaceState;
  profile: SyftSpaceProfile;
  key: Buffer;
  now: () => number;
}

const registerBody = z.object({
  email: z.string().min(3),
  password: z.string().min(1),
  tenant_name: z.string().min(1),
});
const loginBody = z.object({ email: z.string(), password: z.string() });
const queryBody = z.object({ messages: z.array(z.object({ role: z.string(), content: z.string() })).min(1) });
const iso = (ms: number): string => new Date(ms).toISOString();

function createState(): SyftSpaceState {
  const users = new Map<string, SyftSpaceUser>();
  const satellites = new Map<string, { environment: 'live' | 'test'; active: boolean }>();
  return {
    users,
    tenants: new Map(),
    satellites,
    endpoints: new Set(['echo']),
    grantAccess: (email, tenantName) => void users.get(email)?.tenants.add(tenantName),
    issueSatellite(environment, given) {
      const token = given ?? `sat_${environment}_${randomBytes(24).toString('base64url')}`;
      satellites.set(token, { environment, active: true });
      return token;
    },
    revokeSatellite: (token) => {
      const satellite = satellites.get(token);
      if (satellite !== undefined) satellite.active = false;
    },
  };
}

function register(ctx: RequestContext, world: World, input: unknown): Reply {
  const parsed = registerBody.safeParse(input);
  if (!parsed.success) return validationError(parsed.error.issues, 'body', input);
  const { email, password, tenant_name: tenantName } = parsed.data;
  if (world.state.users.has(email)) return detail(400, 'Email already registered');
  if (world.state.tenants.has(tenantName)) return detail(400, 'Tenant name already taken');
  const createdAt = iso(world.now());
  world.state.tenants.set(tenantName, { name: tenantName, createdAt });
  const user: SyftSpaceUser = {
    id: randomUUID(),
    email,
    password,
    tenantName,
    createdAt,
    tenants: new Set([tenantName]),
  };
  world.state.users.set(email, user);
  return json(200, { id: user.id, email, tenant_name: tenantName, created_at: createdAt });
}

function login(world: World, input: unknown): Reply {
  const parsed = loginBody.safeParse(input);
  if (!parsed.success) return validationError(parsed.error.issues, 'body', input);
  const user = world.state.users.get(parsed.data.email);
  if (user === undefined || user.password !== parsed.data.password) return unauthorized('Incorrect email or password');
  const iat = Math.floor(world.now() / 1000);
  const seconds = world.profile.sessionSeconds;
  const accessToken = signJwt({ email: user.email, tenant_name: user.tenantName, exp: iat + seconds, iat }, world.key);
  return json(200, { access_token: accessToken, token_type: 'bearer', expires_in: seconds });
}

/** The user of a session JWT, or the 401 to answer (its text differs on /auth/me, as documented). */
function authenticate(ctx: RequestContext, world: World, badTokenText: string): SyftSpaceUser | Reply {
  const bearer = bearerOf(ctx.headers);
  if (bearer === undefined) return unauthorized('Not authenticated');
  const claims = verifyJwt(bearer, world.key);
  if (claims === undefined || isJwtExpired(claims, world.now()) || typeof claims.email !== 'string')
    return unauthorized(badTokenText);
  return world.state.users.get(claims.email) ?? unauthorized(badTokenText);
}

function listDatasets(ctx: RequestContext, world: World): Reply {
  const user = authenticate(ctx, world, 'Not authenticated');
  if (!('email' in user)) return user;
  const asked = ctx.headers['x-tenant-name'];
  const tenant = typeof asked === 'string' && asked !== '' ? asked : user.tenantName;
  if (!user.tenants.has(tenant)) return detail(403, 'Insufficient permissions');
  return json(200, [
    { id: `${tenant}-ds-1`, name: 'Support transcripts', tenant_name: tenant },
    { id: `${tenant}-ds-2`, name: 'Product manuals', tenant_name: tenant },
  ]);
}

function query(ctx: RequestContext, world: World, slug: string): Reply {
  const bearer = bearerOf(ctx.headers);
  const satellite = bearer === undefined ? undefined : world.state.satellites.get(bearer);
  if (satellite === undefined || !satellite.active) return unauthorized('Not authenticated');
  if (!world.state.endpoints.has(slug)) return detail(404, 'Endpoint not found');
  const input = parseJsonBody(ctx.body);
  const parsed = queryBody.safeParse(input);
  if (!parsed.success) return validationError(parsed.error.issues, 'body', input);
  const last = parsed.data.messages.at(-1)?.content ?? '';
  return json(200, {
    endpoint: slug,
    environment: satellite.environment,
    message: { role: 'assistant', content: `echo: ${last}` },
  });
}

function listTenants(ctx: RequestContext, world: World): Reply {
  const expected = world.profile.adminApiKey;
  if (expected !== '' && bearerOf(ctx.headers) !== expected) return unauthorized('Admin API key required');
  return json(
    200,
    [...world.state.tenants.values()].map((t) => ({ name: t.name, created_at: t.createdAt })),
  );
}

/** Routes both servers have. */
function commonRoutes(world: World): Route[] {
  return [
    { pattern: /^\/health$/, methods: { GET: () => json(200, { status: 'ok' }) } },
    { pattern: /^\/api\/v1\/health$/, methods: { GET: () => json(200, { status: 'healthy', version: '0.1.0' }) } },
    {
      pattern: /^\/api\/v1\/endpoints\/([^/]+)\/query$/,
      methods: { POST: (ctx, params) => query(ctx, world, params[0] ?? '') },
    },
    { pattern: /^\/api\/v1\/tenants$/, methods: { GET: (ctx) => listTenants(ctx, world) } },
  ];
}

/** The seed contract's accounts and sessions; the released server has none of these. */
function seedRoutes(world: World): Route[] {
  return [
    {
      pattern: /^\/api\/v1\/auth\/register$/,
      methods: { POST: (ctx) => register(ctx, world, parseJsonBody(ctx.body)) },
    },
    { pattern: /^\/api\/v1\/auth\/login$/, methods: { POST: (ctx) => login(world, parseJsonBody(ctx.body)) } },
    {
      pattern: /^\/api\/v1\/auth\/me$/,
      methods: {
        GET: (ctx) => {
          const user = authenticate(ctx, world, 'Could not validate credentials');
          return 'email' in user
            ? json(200, { email: user.email, tenant_name: user.tenantName, created_at: user.createdAt })
            : user;
        },
      },
    },
    { pattern: /^\/api\/v1\/datasets\/$/, methods: { GET: (ctx) => listDatasets(ctx, world) } },
  ];
}

const PUBLIC = [/^\/health$/, /^\/api\/v1\/health$/, /^\/api\/v1\/endpoints\/[^/]+\/query$/, /^\/docs/, /^\/$/];

function adminKeyMiddleware(ctx: RequestContext, world: World, routes: readonly Route[]): Reply | Promise<Reply> {
  const key = world.profile.adminApiKey;
  const isPublic = PUBLIC.some((pattern) => pattern.test(ctx.path));
  if (!isPublic && key !== '' && bearerOf(ctx.headers) !== key) return detail(401, 'Admin API key required');
  return dispatch(ctx, routes);
}

const rateLimited = (retryAfter?: string): Reply =>
  detail(403, 'Rate limit exceeded', retryAfter === undefined ? {} : { 'retry-after': retryAfter });

function seedWorld(world: World, source: SeedSource): SyftSpaceSeed {
  const satellite = (environment: 'live' | 'test'): string =>
    world.state.issueSatellite(
      environment,
      `sat_${environment}_${source.bytes(`syft-space/satellite-${environment}`, 24).toString('base64url')}`,
    );
  const createdAt = iso(world.now());
  const seed = {
    email: 'owner@space.test',
    password: 'space password 1',
    tenantName: 'acme-space',
    otherTenantName: 'other-space',
    adminKey: world.profile.adminApiKey,
    satelliteLive: satellite('live'),
    satelliteTest: satellite('test'),
    endpointSlug: 'echo',
  };
  for (const name of [seed.tenantName, seed.otherTenantName]) world.state.tenants.set(name, { name, createdAt });
  world.state.users.set(seed.email, {
    id: randomUUID(),
    email: seed.email,
    password: seed.password,
    tenantName: seed.tenantName,
    createdAt,
    tenants: new Set([seed.tenantName]),
  });
  world.state.users.set('other@space.test', {
    id: randomUUID(),
    email: 'other@space.test',
    password: randomUUID(),
    tenantName: seed.otherTenantName,
    createdAt,
    tenants: new Set([seed.otherTenantName]),
  });
  return seed;
}

/** Starts a Syft Space server emulator (session JWTs, tenants, satellite tokens, admin key) on 127.0.0.1. */
export async function startSyftSpaceEmulator(
  options: EmulatorOptions<SyftSpaceProfile> = {},
): Promise<Emulator<SyftSpaceState> & { seed: SyftSpaceSeed; profile: SyftSpaceProfile }> {
  const now = options.now ?? Date.now;
  const source = seedSource(options.stable);
  const profile: SyftSpaceProfile = {
    rateLimitPerMinute: null,
    sessionSeconds: 3600,
    adminApiKey: `sk_admin_${source.bytes('syft-space/admin-key', 18).toString('base64url')}`,
    flow: 'seed',
    ...options.profile,
  };
  const world: World = { state: createState(), profile, key: newSigningKey(), now };
  const seed = seedWorld(world, source);
  const released = profile.flow === 'released';
  const routes = released ? commonRoutes(world) : [...commonRoutes(world), ...seedRoutes(world)];
  const server = await startEmulatorServer({
    ...(options.port === undefined ? {} : { port: options.port }),
    state: world.state,
    rateLimitReply: rateLimited,
    rateLimit: { perMinute: () => profile.rateLimitPerMinute, now },
    handle: (ctx) => (released ? adminKeyMiddleware(ctx, world, routes) : dispatch(ctx, routes)),
  });
  return Object.assign(server, { seed, profile });
}
