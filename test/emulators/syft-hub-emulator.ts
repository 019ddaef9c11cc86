import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { detail, dispatch, unauthorized, validationError, type Route } from './fastapi';
import {
  bearerOf,
  json,
  noContent,
  parseJsonBody,
  startEmulatorServer,
  type Emulator,
  type Reply,
  type RequestContext,
} from './harness';
import { isJwtExpired, newSigningKey, signJwt, verifyJwt } from './jwt';
import type { EmulatorOptions } from './satori-emulator';

/** The contract's "Unknown" items for SyftHub, as switches. */
export interface SyftHubProfile {
  revokedPatDetail: string;
  meAcceptsPat: boolean;
  rateLimitPerMinute: number | null;
  maxActiveTokens: number;
}

export const defaultSyftHubProfile: SyftHubProfile = {
  revokedPatDetail: 'Could not validate credentials',
  meAcceptsPat: true,
  rateLimitPerMinute: null,
  maxActiveTokens: 50,
};

export interface Pat {
  readonly id: number;
  readonly userId: string;
  name: string;
  readonly token: string;
  readonly scopes: string[];
  readonly expiresAt: number | null;
  lastUsedAt: number | null;
  isActive: boolean;
  readonly createdAt: number;
}

export interface SyftHubState {
  readonly users: Array<{ id: string; username: string; email: string; password: string; createdAt: number }>;
  readonly pats: Map<number, Pat>;
  /** Personal access tokens neither revoked nor expired. */
  activeKeys(): Array<{ id: number; name: string; expiresAt: string | null }>;
}

export interface SyftHubSeed {
  username: string;
  password: string;
}

type User = SyftHubState['users'][number];
interface World {
  state: SyftHubState;
  profile: SyftHubProfile;
  key: Buffer;
  now: () => number;
  nextId: () => number;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const loginForm = z.object({ username: z.string().min(1), password: z.string().min(1) });
const refreshBody = z.object({ refresh_token: z.string() });
const nameField = z.string().min(1).max(100);
const createBody = z.object({
  name: nameField,
  scopes: z.array(z.enum(['read', 'write', 'full'])).optional(),
  expires_at: z.iso.datetime({ offset: true, local: true }).nullable().optional(),
});
const patchBody = z.object({ name: nameField });
const listQuery = z.object({
  include_inactive: z.enum(['true', 'false']).default('false'),
  skip: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const isLive = (pat: Pat, now: number): boolean => pat.isActive && (pat.expiresAt === null || pat.expiresAt > now);

function patView(pat: Pat): Record<string, unknown> {
  return {
    id: pat.id,
    name: pat.name,
    token_prefix: pat.token.slice(0, 17),
    scopes: pat.scopes,
    expires_at: iso(pat.expiresAt),
    last_used_at: iso(pat.lastUsedAt),
    is_active: pat.isActive,
    created_at: iso(pat.createdAt),
  };
}

function issueSession(world: World, user: User): Reply {
  const iat = Math.floor(world.now() / 1000);
  const access = signJwt({ sub: user.id, type: 'access', iat, exp: iat + 30 * 60, jti: randomUUID() }, world.key);
  const refresh = signJwt({ sub: user.id, type: 'refresh', iat, exp: iat + 7 * 86_400, jti: randomUUID() }, world.key);
  return json(200, { access_token: access, refresh_token: refresh, token_type: 'bearer' });
}

function login(ctx: RequestContext, world: World): Reply {
  const isForm = String(ctx.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const input = isForm ? Object.fromEntries(new URLSearchParams(ctx.body)) : {};
  const parsed = loginForm.safeParse(input);
  if (!parsed.success) return validationError(parsed.error.issues, 'body', null);
  const user = world.state.users.find((u) => u.username === parsed.data.username || u.email === parsed.data.username);
  if (user === undefined || user.password !== parsed.data.password)
    return unauthorized('Incorrect username or password');
  return issueSession(world, user);
}

function refresh(ctx: RequestContext, world: World): Reply {
  const input = parseJsonBody(ctx.body);
  const parsed = refreshBody.safeParse(input);
  if (!parsed.success) return validationError(parsed.error.issues, 'body', input);
  const claims = verifyJwt(parsed.data.refresh_token, world.key);
  const user = world.state.users.find((u) => u.id === claims?.sub);
  if (claims === undefined || claims.type !== 'refresh' || isJwtExpired(claims, world.now()) || user === undefined)
    return unauthorized('Invalid refresh token');
  return issueSession(world, user);
}

/** The caller by session JWT or PAT, or the 401 to answer. */
function authenticate(ctx: RequestContext, world: World, acceptsPat = true): { user: User } | Reply {
  const bearer = bearerOf(ctx.headers);
  if (bearer === undefined) return unauthorized('Not authenticated');
  if (bearer.startsWith('syft_pat_')) {
    const pat = [...world.state.pats.values()].find((p) => p.token === bearer);
    if (pat === undefined || !isLive(pat, world.now())) return unauthorized(world.profile.revokedPatDetail);
    if (!acceptsPat) return unauthorized('Could not validate credentials');
    pat.lastUsedAt = world.now();
    const user = world.state.users.find((u) => u.id === pat.userId);
    return user === undefined ? unauthorized(world.profile.revokedPatDetail) : { user };
  }
  const claims = verifyJwt(bearer, world.key);
  const user = world.state.users.find((u) => u.id === claims?.sub);
  if (claims === undefined || claims.type !== 'access' || isJwtExpired(claims, world.now()) || user === undefined)
    return unauthorized('Could not validate credentials');
  return { user };
}

function createPat(ctx: RequestContext, world: World, user: User): Reply {
  const input = parseJsonBody(ctx.body);
  const parsed = createBody.safeParse(input);
  if (!parsed.success) return validationError(parsed.error.issues, 'body', input);
  const expiresAt = parsed.data.expires_at == null ? null : Date.parse(parsed.data.expires_at);
  if (expiresAt !== null && expiresAt <= world.now()) {
    return json(422, {
      detail: [
        {
          type: 'value_error',
          loc: ['body', 'expires_at'],
          msg: 'Value error, expires_at must be in the future',
          input: parsed.data.expires_at,
        },
      ],
    });
  }
  const active = [...world.state.pats.values()].filter((p) => p.userId === user.id && isLive(p, world.now())).length;
  if (active >= world.profile.maxActiveTokens)
    return detail(
      400,
      `Maximum number of active tokens (${world.profile.maxActiveTokens}) reached. Revoke unused tokens first.`,
    );
  const token = `syft_pat_${randomBytes(32).toString('base64url')}`;
  const pat: Pat = {
    id: world.nextId(),
    userId: user.id,
    name: parsed.data.name,
    token,
    scopes: parsed.data.scopes ?? ['full'],
    expiresAt,
    lastUsedAt: null,
    isActive: true,
    createdAt: world.now(),
  };
  world.state.pats.set(pat.id, pat);
  return json(201, { ...patView(pat), token });
}

function listPats(ctx: RequestContext, world: World, user: User): Reply {
  const input = Object.fromEntries(ctx.query);
  const parsed = listQuery.safeParse(input);
  if (!parsed.success) return validationError(parsed.error.issues, 'query', input);
  const { include_inactive: includeInactive, skip, limit } = parsed.data;
  const mine = [...world.state.pats.values()]
    .filter((p) => p.userId === user.id && (includeInactive === 'true' || p.isActive))
    .sort((a, b) => b.id - a.id);
  return json(200, { tokens: mine.slice(skip, skip + limit).map(patView), total: mine.length });
}

function findPat(world: World, user: User, id: string): Pat | undefined {
  const pat = world.state.pats.get(Number(id));
  return pat !== undefined && pat.userId === user.id ? pat : undefined;
}

function patchPat(ctx: RequestContext, world: World, user: User, id: string): Reply {
  const pat = findPat(world, user, id);
  if (pat === undefined) return detail(404, 'API token not found');
  const input = parseJsonBody(ctx.body);
  const parsed = patchBody.safeParse(input);
  if (!parsed.success) return validationError(parsed.error.issues, 'body', input);
  pat.name = parsed.data.name;
  return json(200, patView(pat));
}

function revokePat(world: World, user: User, id: string): Reply {
  const pat = findPat(world, user, id);
  if (pat === undefined) return detail(404, 'API token not found');
  pat.isActive = false;
  return noContent();
}

type Authed = (ctx: RequestContext, user: User, params: string[]) => Reply;
function authed(world: World, fn: Authed, acceptsPat = true): (ctx: RequestContext, params: string[]) => Reply {
  return (ctx, params) => {
    const auth = authenticate(ctx, world, acceptsPat);
    return 'user' in auth ? fn(ctx, auth.user, params) : auth;
  };
}

function routesFor(world: World): Route[] {
  const me: Authed = (_ctx, user) =>
    json(200, {
      id: user.id,
      username: user.username,
      email: user.email,
      full_name: 'Hub User',
      is_active: true,
      created_at: iso(user.createdAt),
    });
  return [
    { pattern: /^\/api\/v1\/auth\/login$/, methods: { POST: (ctx) => login(ctx, world) } },
    { pattern: /^\/api\/v1\/auth\/refresh$/, methods: { POST: (ctx) => refresh(ctx, world) } },
    {
      pattern: /^\/api\/v1\/auth\/me$/,
      methods: { GET: (ctx, params) => authed(world, me, world.profile.meAcceptsPat)(ctx, params) },
    },
    {
      pattern: /^\/api\/v1\/auth\/tokens$/,
      methods: {
        POST: authed(world, (ctx, user) => createPat(ctx, world, user)),
        GET: authed(world, (ctx, user) => listPats(ctx, world, user)),
      },
    },
    {
      pattern: /^\/api\/v1\/auth\/tokens\/([^/]+)$/,
      methods: {
        PATCH: authed(world, (ctx, user, params) => patchPat(ctx, world, user, params[0] ?? '')),
        DELETE: authed(world, (_ctx, user, params) => revokePat(world, user, params[0] ?? '')),
      },
    },
  ];
}

const rateLimited = (retryAfter?: string): Reply =>
  detail(429, 'Rate limit exceeded', retryAfter === undefined ? {} : { 'retry-after': retryAfter });

/** Starts a SyftHub emulator (form login, refresh, personal access tokens) on 127.0.0.1. */
export async function startSyftHubEmulator(
  options: EmulatorOptions<SyftHubProfile> = {},
): Promise<Emulator<SyftHubState> & { seed: SyftHubSeed; profile: SyftHubProfile }> {
  const now = options.now ?? Date.now;
  const profile: SyftHubProfile = { ...defaultSyftHubProfile, ...options.profile };
  const seed: SyftHubSeed = { username: 'hubuser', password: 'hub password 1' };
  const pats = new Map<number, Pat>();
  const state: SyftHubState = {
    users: [
      {
        id: randomUUID(),
        username: seed.username,
        email: 'hubuser@hub.test',
        password: seed.password,
        createdAt: now(),
      },
    ],
    pats,
    activeKeys: () =>
      [...pats.values()]
        .filter((p) => isLive(p, now()))
        .map((p) => ({ id: p.id, name: p.name, expiresAt: iso(p.expiresAt) })),
  };
  let lastId = 0;
  const world: World = { state, profile, key: newSigningKey(), now, nextId: () => ++lastId };
  const routes = routesFor(world);
  const server = await startEmulatorServer({
    ...(options.port === undefined ? {} : { port: options.port }),
    state,
    rateLimitReply: rateLimited,
    rateLimit: { perMinute: () => profile.rateLimitPerMinute, now },
    handle: (ctx) => dispatch(ctx, routes),
  });
  return Object.assign(server, { seed, profile });
}
