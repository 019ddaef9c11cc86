import { randomUUID } from 'node:crypto';
import { z } from 'zod';
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
import {
  djangoNotFound,
  hautError,
  invalidToken,
  methodNotAllowed,
  notAuthenticated,
  notFound,
  permissionDenied,
  required,
  throttled,
} from './haut-ai-errors';
import { paginate } from './haut-ai-pagination';
import { isJwtExpired, newSigningKey, signJwt, verifyJwt } from './jwt';
import type { EmulatorOptions } from './satori-emulator';
import { seedSource, type SeedSource } from './stable-seed';

/** The contract's "Unknown" items, as switches. */
export interface HautAiProfile {
  missingSlash: 404 | 'redirect';
  maxExpirationDays: number | null;
  privateTokenMayCreate: boolean;
  rateLimitPerMinute: number | null;
  sessionSeconds: number;
  defaultPageSize: number;
}

export const defaultHautAiProfile: HautAiProfile = {
  missingSlash: 404,
  maxExpirationDays: 365,
  privateTokenMayCreate: true,
  rateLimitPerMinute: null,
  sessionSeconds: 3600,
  defaultPageSize: 20,
};

export interface HautAiUser {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly companyId: string;
  readonly mfa: boolean;
}

export interface PrivateToken {
  readonly id: number;
  readonly userId: string;
  readonly name: string;
  readonly expirationTime: number;
  deleted: boolean;
}

export interface HautAiState {
  readonly users: HautAiUser[];
  readonly privateTokens: Map<number, PrivateToken>;
  readonly datasets: Array<{ id: string; companyId: string; name: string; created_at: string }>;
  /** Private tokens not deleted and unexpired. */
  activeKeys(): Array<{ id: number; name: string; expiresAt: string }>;
}

export interface HautAiSeed {
  email: string;
  password: string;
  companyId: string;
  mfaEmail: string;
  mfaPassword: string;
}

interface World {
  state: HautAiState;
  profile: HautAiProfile;
  key: Buffer;
  now: () => number;
  nextId: () => number;
}

const loginBody = z.object({ username: z.string().min(1), password: z.string().min(1) });
const createBody = z.object({ name: z.unknown().optional(), expiration_time: z.unknown().optional() });
const iso = (ms: number): string => new Date(ms).toISOString();

function authenticate(ctx: RequestContext, world: World): { user: HautAiUser; isPrivate: boolean } | Reply {
  const bearer = bearerOf(ctx.headers);
  if (bearer === undefined) return notAuthenticated();
  const claims = verifyJwt(bearer, world.key);
  if (claims === undefined || isJwtExpired(claims, world.now())) return invalidToken();
  const user = world.state.users.find((u) => u.id === claims.user_id);
  if (user === undefined) return invalidToken();
  if (claims.token_type === 'access') return { user, isPrivate: false };
  if (claims.token_type !== 'private') return invalidToken();
  const token = world.state.privateTokens.get(Number(claims.token_id));
  if (token === undefined || token.deleted || token.expirationTime <= world.now()) return invalidToken();
  return { user, isPrivate: true };
}

function login(ctx: RequestContext, world: World): Reply {
  const parsed = loginBody.safeParse(parseJsonBody(ctx.body));
  if (!parsed.success) return required(String(parsed.error.issues[0]?.path[0] ?? 'username'));
  const user = world.state.users.find((u) => u.email === parsed.data.username && u.password === parsed.data.password);
  if (user === undefined)
    return hautError(
      400,
      'validation_error',
      'invalid_credentials',
      'Unable to log in with provided credentials.',
      'non_field_errors',
    );
  if (user.mfa)
    return hautError(
      400,
      'validation_error',
      'mfa_required',
      'Multi-factor authentication is enabled for this account.',
      'non_field_errors',
    );
  const iat = Math.floor(world.now() / 1000);
  const access = signJwt(
    { token_type: 'access', user_id: user.id, jti: randomUUID(), iat, exp: iat + world.profile.sessionSeconds },
    world.key,
  );
  const refresh = signJwt(
    { token_type: 'refresh', user_id: user.id, jti: randomUUID(), iat, exp: iat + 86_400 },
    world.key,
  );
  return json(200, {
    id: user.id,
    email: user.email,
    username: user.email,
    company_id: user.companyId,
    token_access: access,
    access_token: access,
    refresh_token: refresh,
    is_verified: true,
    profile: { first_name: 'Ada', last_name: 'Lovelace' },
  });
}

function createPrivateToken(ctx: RequestContext, world: World, user: HautAiUser): Reply {
  const parsed = createBody.safeParse(parseJsonBody(ctx.body));
  const body = parsed.success ? parsed.data : {};
  if (typeof body.name !== 'string' || body.name.trim() === '') return required('name');
  if (body.expiration_time === undefined || body.expiration_time === null || body.expiration_time === '')
    return required('expiration_time');
  const expiration = typeof body.expiration_time === 'string' ? Date.parse(body.expiration_time) : Number.NaN;
  const invalid = (detail: string): Reply => hautError(400, 'validation_error', 'invalid', detail, 'expiration_time');
  if (Number.isNaN(expiration))
    return invalid(
      'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
    );
  if (expiration <= world.now()) return invalid('Expiration time must be in the future.');
  const max = world.profile.maxExpirationDays;
  if (max !== null && expiration > world.now() + max * 86_400_000)
    return invalid(`Expiration time must be at most ${max} days from now.`);
  const token: PrivateToken = {
    id: world.nextId(),
    userId: user.id,
    name: body.name,
    expirationTime: expiration,
    deleted: false,
  };
  world.state.privateTokens.set(token.id, token);
  const iat = Math.floor(world.now() / 1000);
  const data = signJwt(
    { token_type: 'private', user_id: user.id, token_id: token.id, iat, exp: Math.floor(expiration / 1000) },
    world.key,
  );
  return json(201, { id: token.id, name: token.name, expiration_time: iso(expiration), data });
}

const byId = (a: PrivateToken, b: PrivateToken): number => a.id - b.id;
const orderings: Record<string, (a: PrivateToken, b: PrivateToken) => number> = {
  id: byId,
  name: (a, b) => a.name.localeCompare(b.name),
  expiration_time: (a, b) => a.expirationTime - b.expirationTime,
};

function listPrivateTokens(ctx: RequestContext, world: World, user: HautAiUser): Reply {
  const q = (ctx.query.get('q') ?? '').toLowerCase();
  const ordering = ctx.query.get('ordering') ?? 'id';
  const compare = orderings[ordering.replace(/^-/, '')] ?? byId;
  const sign = ordering.startsWith('-') ? -1 : 1;
  const rows = [...world.state.privateTokens.values()]
    .filter((t) => t.userId === user.id && !t.deleted && t.name.toLowerCase().includes(q))
    .sort((a, b) => sign * compare(a, b))
    .map((t) => ({ id: t.id, name: t.name, expiration_time: iso(t.expirationTime) }));
  return paginate(ctx, rows, world.profile.defaultPageSize);
}

function deletePrivateToken(world: World, user: HautAiUser, id: string): Reply {
  const token = world.state.privateTokens.get(Number(id));
  if (token === undefined || token.deleted || token.userId !== user.id)
    return notFound('No PrivateToken matches the given query.');
  token.deleted = true;
  return noContent();
}

type Method = (ctx: RequestContext, world: World, params: string[]) => Reply;
interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, Method>>;
}

/** Wraps a handler that needs an authenticated user. */
function authed(
  fn: (ctx: RequestContext, world: World, user: HautAiUser, params: string[], isPrivate: boolean) => Reply,
): Method {
  return (ctx, world, params) => {
    const auth = authenticate(ctx, world);
    return 'user' in auth ? fn(ctx, world, auth.user, params, auth.isPrivate) : auth;
  };
}

const routes: Route[] = [
  { pattern: /^\/api\/v1\/auth\/login\/$/, methods: { POST: (ctx, world) => login(ctx, world) } },
  {
    pattern: /^\/api\/v1\/auth\/private_tokens\/$/,
    methods: {
      GET: authed((ctx, world, user) => listPrivateTokens(ctx, world, user)),
      POST: authed((ctx, world, user, _p, isPrivate) =>
        isPrivate && !world.profile.privateTokenMayCreate ? permissionDenied() : createPrivateToken(ctx, world, user),
      ),
    },
  },
  {
    pattern: /^\/api\/v1\/auth\/private_tokens\/([^/]+)\/$/,
    methods: { DELETE: authed((_ctx, world, user, params) => deletePrivateToken(world, user, params[0] ?? '')) },
  },
  {
    pattern: /^\/api\/v1\/companies\/([^/]+)\/datasets\/$/,
    methods: {
      GET: authed((ctx, world, user, params) =>
        params[0] !== user.companyId
          ? permissionDenied()
          : paginate(
              ctx,
              world.state.datasets.filter((d) => d.companyId === user.companyId).map(({ companyId: _c, ...d }) => d),
              world.profile.defaultPageSize,
            ),
      ),
    },
  },
];

function route(ctx: RequestContext, world: World): Reply {
  for (const candidate of routes) {
    const match = candidate.pattern.exec(ctx.path);
    if (match === null) continue;
    const method = candidate.methods[ctx.method];
    return method === undefined ? methodNotAllowed(ctx.method) : method(ctx, world, match.slice(1));
  }
  const withSlash = `${ctx.path}/`;
  if (
    !ctx.path.endsWith('/') &&
    world.profile.missingSlash === 'redirect' &&
    routes.some((r) => r.pattern.test(withSlash))
  ) {
    const search = ctx.query.toString();
    return { status: 301, headers: { location: `${withSlash}${search === '' ? '' : `?${search}`}` } };
  }
  return djangoNotFound();
}

function seedState(now: () => number, source: SeedSource): { state: HautAiState; seed: HautAiSeed } {
  const companyId = source.uuid('haut-ai/company');
  const seed: HautAiSeed = {
    email: 'ada@example.test',
    password: 'correct horse battery',
    companyId,
    mfaEmail: 'mfa@example.test',
    mfaPassword: 'mfa horse battery',
  };
  const privateTokens = new Map<number, PrivateToken>();
  const state: HautAiState = {
    users: [
      { id: randomUUID(), email: seed.email, password: seed.password, companyId, mfa: false },
      { id: randomUUID(), email: seed.mfaEmail, password: seed.mfaPassword, companyId, mfa: true },
    ],
    privateTokens,
    datasets: ['Skin tone study', 'Acne follow-up', 'Wrinkle baseline'].map((name) => ({
      id: randomUUID(),
      companyId,
      name,
      created_at: iso(now()),
    })),
    activeKeys: () =>
      [...privateTokens.values()]
        .filter((t) => !t.deleted && t.expirationTime > now())
        .map((t) => ({ id: t.id, name: t.name, expiresAt: iso(t.expirationTime) })),
  };
  return { state, seed };
}

/** Starts a Haut.AI SaaS emulator (login, private tokens, company datasets) on 127.0.0.1. */
export async function startHautAiEmulator(
  options: EmulatorOptions<HautAiProfile> = {},
): Promise<Emulator<HautAiState> & { seed: HautAiSeed; profile: HautAiProfile }> {
  const now = options.now ?? Date.now;
  const profile: HautAiProfile = { ...defaultHautAiProfile, ...options.profile };
  const { state, seed } = seedState(now, seedSource(options.stable));
  let lastId = 100;
  const world: World = { state, profile, key: newSigningKey(), now, nextId: () => ++lastId };
  const server = await startEmulatorServer({
    ...(options.port === undefined ? {} : { port: options.port }),
    state,
    rateLimitReply: throttled,
    rateLimit: { perMinute: () => profile.rateLimitPerMinute, now },
    handle: (ctx) => route(ctx, world),
  });
  return Object.assign(server, { seed, profile });
}
