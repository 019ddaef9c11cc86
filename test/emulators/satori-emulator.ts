import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  bearerOf,
  json,
  parseJsonBody,
  startEmulatorServer,
  type Emulator,
  type Reply,
  type RequestContext,
} from './harness';
import { signJwt, verifyJwt } from './jwt';
import { seedSource, type StableSeed } from './stable-seed';

/** The contract's "Unknown" items, as switches; defaults are the contract's assumptions. */
export interface SatoriProfile {
  createStatus: 201 | 200;
  deactivateTrailingSlash: 'both' | 'with' | 'without';
  rateLimitPerMinute: number | null;
}

export const defaultSatoriProfile: SatoriProfile = {
  createStatus: 201,
  deactivateTrailingSlash: 'both',
  rateLimitPerMinute: null,
};

export interface SatoriToken {
  readonly id: string;
  readonly tenantId: string;
  name: string;
  isActive: boolean;
  readonly expiresAt: number | null;
  readonly createdAt: number;
  lastUsed: number | null;
}

export interface SatoriState {
  readonly tenants: Map<string, { id: string; name: string; createdAt: number }>;
  readonly tokens: Map<string, SatoriToken>;
  /** Active and unexpired tokens, all tenants. */
  activeKeys(): Array<{ id: string; tenantId: string; name: string; expiresAt: string | null }>;
  /** What a tenant administrator does out of band: issue a token; returns its key. */
  issueToken(tenantId: string, name: string, expiresAt?: number | null): string;
}

export interface SatoriSeed {
  tenantId: string;
  bootstrapToken: string;
  otherTenantId: string;
  otherTenantToken: string;
}

export interface EmulatorOptions<Profile> {
  now?: () => number;
  profile?: Partial<Profile>;
  /** The port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** Derive the seed credentials from this, so a restart brings back the same ones. */
  stable?: StableSeed;
}

const createBody = z.object({ name: z.string().min(1).max(255), expires_at: z.string().nullable().optional() });
const updateBody = z.object({ is_active: z.boolean().optional(), name: z.string().min(1).max(255).optional() });

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const detail = (status: number, text: string, headers?: Record<string, string>): Reply =>
  json(status, { detail: text }, headers);

/** `fixed` gives a seed token the same id and issue time after a restart (see stable-seed.ts). */
type Mint = (
  tenantId: string,
  name: string,
  expiresAt: number | null,
  fixed?: { id: string; issuedAt: number },
) => { token: SatoriToken; key: string };

function createState(now: () => number, signingKey: Buffer): { state: SatoriState; mint: Mint } {
  const tenants = new Map<string, { id: string; name: string; createdAt: number }>();
  const tokens = new Map<string, SatoriToken>();
  const isLive = (t: SatoriToken): boolean => t.isActive && (t.expiresAt === null || t.expiresAt > now());
  const mint: Mint = (tenantId, name, expiresAt, fixed) => {
    const token: SatoriToken = {
      id: fixed?.id ?? randomUUID(),
      tenantId,
      name,
      isActive: true,
      expiresAt,
      createdAt: fixed?.issuedAt ?? now(),
      lastUsed: null,
    };
    tokens.set(token.id, token);
    const claims = { token_id: token.id, tenant_id: tenantId, iat: Math.floor(token.createdAt / 1000) };
    const key = signJwt(expiresAt === null ? claims : { ...claims, exp: Math.floor(expiresAt / 1000) }, signingKey);
    return { token, key };
  };
  const state: SatoriState = {
    tenants,
    tokens,
    activeKeys: () =>
      [...tokens.values()]
        .filter(isLive)
        .map((t) => ({ id: t.id, tenantId: t.tenantId, name: t.name, expiresAt: iso(t.expiresAt) })),
    issueToken: (tenantId, name, expiresAt = null) => mint(tenantId, name, expiresAt).key,
  };
  return { state, mint };
}

const tokenView = (t: SatoriToken): Record<string, unknown> => ({
  id: t.id,
  name: t.name,
  is_active: t.isActive,
  expires_at: iso(t.expiresAt),
  last_used: iso(t.lastUsed),
  created_at: iso(t.createdAt),
});

type Auth = { ok: true; token: SatoriToken } | { ok: false; reply: Reply };

function authenticate(ctx: RequestContext, state: SatoriState, signingKey: Buffer, now: number): Auth {
  const key = bearerOf(ctx.headers);
  if (key === undefined) return { ok: false, reply: detail(401, 'Authentication credentials were not provided.') };
  const claims = verifyJwt(key, signingKey);
  const token = typeof claims?.token_id === 'string' ? state.tokens.get(claims.token_id) : undefined;
  if (token === undefined || !token.isActive) return { ok: false, reply: detail(401, 'Invalid token.') };
  if (token.expiresAt !== null && token.expiresAt <= now)
    return { ok: false, reply: detail(401, 'Token has expired.') };
  token.lastUsed = now;
  return { ok: true, token };
}

function createToken(ctx: RequestContext, mint: Mint, tenantId: string, profile: SatoriProfile, now: number): Reply {
  const parsed = createBody.safeParse(parseJsonBody(ctx.body));
  if (!parsed.success) return detail(400, 'name: This field is required and must be a non-empty string.');
  const raw = parsed.data.expires_at;
  const expiresAt = raw === undefined || raw === null ? null : Date.parse(raw);
  if (expiresAt !== null && Number.isNaN(expiresAt)) return detail(400, 'expires_at: Enter a valid ISO-8601 datetime.');
  if (expiresAt !== null && expiresAt <= now) return detail(400, 'expires_at: The expiry must be in the future.');
  const { token, key } = mint(tenantId, parsed.data.name, expiresAt);
  const { last_used: _unused, ...view } = tokenView(token);
  return json(profile.createStatus, { ...view, key });
}

function updateToken(ctx: RequestContext, state: SatoriState, tenantId: string, tokenId: string): Reply {
  const token = state.tokens.get(tokenId);
  if (token === undefined || token.tenantId !== tenantId) return detail(404, 'Not found.');
  const parsed = updateBody.safeParse(parseJsonBody(ctx.body));
  if (!parsed.success) return detail(400, 'is_active: Must be a valid boolean.');
  if (parsed.data.is_active !== undefined) token.isActive = parsed.data.is_active;
  if (parsed.data.name !== undefined) token.name = parsed.data.name;
  return json(200, tokenView(token));
}

function slashAllowed(slash: string, profile: SatoriProfile): boolean {
  if (profile.deactivateTrailingSlash === 'both') return true;
  return profile.deactivateTrailingSlash === 'with' ? slash === '/' : slash === '';
}

const notAllowed = (method: string): Reply => detail(405, `Method "${method}" not allowed.`);

interface SatoriWorld {
  state: SatoriState;
  mint: Mint;
  signingKey: Buffer;
  profile: SatoriProfile;
}

function route(ctx: RequestContext, world: SatoriWorld, now: number): Reply {
  const { state, signingKey, profile } = world;
  const tenantMatch = /^\/api\/tenants\/([^/]+)\/$/.exec(ctx.path);
  const listMatch = /^\/api\/tenants\/([^/]+)\/tokens\/$/.exec(ctx.path);
  const itemMatch = /^\/api\/tenants\/([^/]+)\/tokens\/([^/]+)(\/?)$/.exec(ctx.path);
  const tenantId = tenantMatch?.[1] ?? listMatch?.[1] ?? itemMatch?.[1];
  if (tenantId === undefined) return detail(404, 'Not found.');
  if (itemMatch !== null && !slashAllowed(itemMatch[3] ?? '', profile)) return detail(404, 'Not found.');
  const auth = authenticate(ctx, state, signingKey, now);
  if (!auth.ok) return auth.reply;
  if (auth.token.tenantId !== tenantId) return detail(403, 'You do not have permission to perform this action.');
  if (tenantMatch !== null) {
    const tenant = state.tenants.get(tenantId);
    if (ctx.method !== 'GET') return notAllowed(ctx.method);
    return tenant === undefined
      ? detail(404, 'Not found.')
      : json(200, { id: tenant.id, name: tenant.name, created_at: iso(tenant.createdAt) });
  }
  if (listMatch !== null) {
    if (ctx.method === 'GET')
      return json(200, [...state.tokens.values()].filter((t) => t.tenantId === tenantId).map(tokenView));
    if (ctx.method === 'POST') return createToken(ctx, world.mint, tenantId, profile, now);
    return notAllowed(ctx.method);
  }
  if (ctx.method !== 'PUT' && ctx.method !== 'PATCH') return notAllowed(ctx.method);
  return updateToken(ctx, state, tenantId, itemMatch?.[2] ?? '');
}

const throttled = (seconds: string | undefined): Reply =>
  detail(
    429,
    `Request was throttled.${seconds === undefined ? '' : ` Expected available in ${seconds} seconds.`}`,
    seconds === undefined ? {} : { 'retry-after': seconds },
  );

/** Starts a Satori emulator (tenant-scoped JWT API tokens) on 127.0.0.1. */
export async function startSatoriEmulator(
  options: EmulatorOptions<SatoriProfile> = {},
): Promise<Emulator<SatoriState> & { seed: SatoriSeed; profile: SatoriProfile }> {
  const now = options.now ?? Date.now;
  const profile: SatoriProfile = { ...defaultSatoriProfile, ...options.profile };
  const source = seedSource(options.stable);
  const signingKey = source.bytes('satori/signing-key', 32);
  const { state, mint } = createState(now, signingKey);
  const world: SatoriWorld = { state, mint, signingKey, profile };
  const tenantId = source.uuid('satori/tenant');
  const otherTenantId = source.uuid('satori/other-tenant');
  state.tenants.set(tenantId, { id: tenantId, name: 'Acme Enclave', createdAt: now() });
  state.tenants.set(otherTenantId, { id: otherTenantId, name: 'Other Enclave', createdAt: now() });
  const bootstrap = (tenant: string, label: string): string =>
    mint(tenant, 'bootstrap', null, { id: source.uuid(label), issuedAt: source.issuedAt(now()) }).key;
  const seed: SatoriSeed = {
    tenantId,
    bootstrapToken: bootstrap(tenantId, 'satori/bootstrap'),
    otherTenantId,
    otherTenantToken: bootstrap(otherTenantId, 'satori/other-bootstrap'),
  };
  const server = await startEmulatorServer({
    ...(options.port === undefined ? {} : { port: options.port }),
    state,
    rateLimitReply: throttled,
    rateLimit: { perMinute: () => profile.rateLimitPerMinute, now },
    handle: (ctx) => route(ctx, world, now()),
  });
  return Object.assign(server, { seed, profile });
}
