/**
 * The SyftHub emulator: the routes of OpenMined/syfthub's backend that Keyturn uses, with the
 * behaviours read in its source (components/backend/src/syfthub: auth/router.py, auth/security.py,
 * auth/db_dependencies.py, services/api_token_service.py, core/rate_limit.py,
 * observability/handlers.py). Tests and CI run against this; docs/providers.md says what was read.
 */
import { randomBytes } from 'node:crypto';
import { detail, dispatch, type Route } from './fastapi';
import { json, startEmulatorServer, type Emulator, type Reply, type RequestContext } from './harness';
import { newSigningKey } from './jwt';
import { createRateWindow } from './rate-window';
import type { EmulatorOptions } from './satori-emulator';
import { authenticate, login, logout, me, refresh } from './syft-hub-auth';
import { createPat, getPat, listPats, patchPat, revokePat } from './syft-hub-pats';
import { satelliteToken } from './syft-hub-satellite';
import { hubTime } from './syft-hub-time';
import {
  defaultSyftHubProfile,
  isLive,
  type HubUser,
  type Pat,
  type SyftHubProfile,
  type SyftHubState,
  type World,
} from './syft-hub-world';

export { defaultSyftHubProfile, type Pat, type SyftHubProfile, type SyftHubState } from './syft-hub-world';

export interface SyftHubSeed {
  username: string;
  email: string;
  password: string;
  /** An account that signs in with Google: no password, managed only through this PAT (made in the web UI). */
  googleUsername: string;
  googlePat: string;
}

type Authed = (ctx: RequestContext, user: HubUser, params: string[], token: string) => Reply;
function authed(world: World, fn: Authed): (ctx: RequestContext, params: string[]) => Reply {
  return (ctx, params) => {
    const auth = authenticate(ctx, world);
    return 'user' in auth ? fn(ctx, auth.user, params, auth.token) : auth;
  };
}

function routesFor(world: World): Route[] {
  const id = (params: string[]): string => params[0] ?? '';
  return [
    { pattern: /^\/health$/, methods: { GET: () => json(200, { status: 'healthy', version: '0.1.0' }) } },
    { pattern: /^\/api\/v1\/auth\/login$/, methods: { POST: (ctx) => login(ctx, world) } },
    { pattern: /^\/api\/v1\/auth\/refresh$/, methods: { POST: (ctx) => refresh(ctx, world) } },
    {
      pattern: /^\/api\/v1\/auth\/logout$/,
      methods: { POST: authed(world, (_ctx, _user, _params, token) => logout(world, token)) },
    },
    {
      pattern: /^\/api\/v1\/auth\/me$/,
      methods: { GET: authed(world, (_ctx, user, _params, token) => me(world, user, token)) },
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
        GET: authed(world, (_ctx, user, params) => getPat(world, user, id(params))),
        PATCH: authed(world, (ctx, user, params) => patchPat(ctx, world, user, id(params))),
        DELETE: authed(world, (_ctx, user, params) => revokePat(world, user, id(params))),
      },
    },
    { pattern: /^\/api\/v1\/token$/, methods: { GET: authed(world, (ctx, user) => satelliteToken(ctx, world, user)) } },
  ];
}

function createState(now: () => number, seed: SyftHubSeed): SyftHubState {
  const pats = new Map<number, Pat>();
  const created = now();
  const users: HubUser[] = [
    {
      id: 1,
      username: seed.username,
      email: seed.email,
      password: seed.password,
      createdAt: created,
      lastLoginAt: null,
    },
    {
      id: 2,
      username: seed.googleUsername,
      email: 'google@hub.test',
      password: null,
      createdAt: created,
      lastLoginAt: null,
    },
  ];
  return {
    users,
    pats,
    blacklist: new Map(),
    activeKeys: () =>
      [...pats.values()]
        .filter((p) => isLive(p, now()))
        .map((p) => ({ id: p.id, name: p.name, expiresAt: hubTime(p.expiresAt, 'postgres') })),
  };
}

/** Starts a SyftHub emulator (form login, refresh, logout, personal access tokens) on 127.0.0.1. */
export async function startSyftHubEmulator(
  options: EmulatorOptions<SyftHubProfile> = {},
): Promise<Emulator<SyftHubState> & { seed: SyftHubSeed; profile: SyftHubProfile }> {
  const now = options.now ?? Date.now;
  const profile: SyftHubProfile = { ...defaultSyftHubProfile, ...options.profile };
  const googlePat = `syft_pat_${randomBytes(32).toString('base64url')}`;
  const seed: SyftHubSeed = {
    username: 'hubuser',
    email: 'hubuser@hub.test',
    password: 'hub password 1',
    googleUsername: 'googler',
    googlePat,
  };
  const state = createState(now, seed);
  let lastId = 0;
  const windowed = (pick: () => SyftHubProfile['loginLimit']) =>
    createRateWindow(
      () => pick()?.max ?? null,
      now,
      () => (pick()?.windowSeconds ?? 60) * 1000,
    );
  const world: World = {
    state,
    profile,
    key: newSigningKey(),
    now,
    nextId: () => ++lastId,
    limits: { login: windowed(() => profile.loginLimit), refresh: windowed(() => profile.refreshLimit) },
  };
  const t = now();
  const patId = world.nextId();
  state.pats.set(patId, {
    id: patId,
    userId: 2,
    name: 'made in the web UI',
    token: googlePat,
    scopes: ['full'],
    expiresAt: null,
    lastUsedAt: null,
    isActive: true,
    createdAt: t,
    updatedAt: t,
  });
  const routes = routesFor(world);
  const server = await startEmulatorServer({
    ...(options.port === undefined ? {} : { port: options.port }),
    state,
    // The app's own limiter answers without Retry-After (syft-hub-auth.ts); a fault may add one, as a proxy could.
    rateLimitReply: (retryAfter) =>
      detail(
        429,
        'Too many requests. Please slow down and try again later.',
        retryAfter === undefined ? {} : { 'retry-after': retryAfter },
      ),
    rateLimit: { perMinute: () => profile.rateLimitPerMinute, now },
    handle: (ctx) => dispatch(ctx, routes),
  });
  return Object.assign(server, { seed, profile });
}
