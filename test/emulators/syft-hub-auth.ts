/**
 * SyftHub's sign-in side as its source has it: form login (by username, or by email when the
 * name holds "@"), access tokens `{sub, username, role, exp, type}` without `iss`/`iat`, refresh,
 * logout that blacklists the access token, the per-IP limiter's bare 429, and the PAT/JWT split
 * on `syft_`. Its global error handler rebuilds every HTTPException with only a correlation-id
 * header, so neither `Retry-After` nor `WWW-Authenticate` reaches the client.
 */
import { z } from 'zod';
import { detail, validationError } from './fastapi';
import { bearerOf, json, noContent, parseJsonBody, type Reply, type RequestContext } from './harness';
import { isJwtExpired, signJwt, verifyJwt, type Claims } from './jwt';
import { hubTime } from './syft-hub-time';
import { isLive, type HubUser, type World } from './syft-hub-world';

const ACCESS_SECONDS = 30 * 60;
const REFRESH_SECONDS = 7 * 86_400;
const loginForm = z.object({ username: z.string().min(1), password: z.string().min(1) });
const refreshBody = z.object({ refresh_token: z.string() });

export const unauthorized = (text: string): Reply => detail(401, text);
const tooMany = (): Reply => detail(429, 'Too many requests. Please slow down and try again later.');

/** The limiter keys on the client IP; every emulator client is on loopback, so one bucket per scope. */
function limited(world: World, scope: 'login' | 'refresh'): Reply | null {
  return world.limits[scope].hit(`auth-${scope}:127.0.0.1`) === undefined ? null : tooMany();
}

function session(world: World, user: HubUser): { access_token: string; refresh_token: string; token_type: string } {
  const now = Math.floor(world.now() / 1000);
  const sub = String(user.id);
  const access = signJwt(
    { sub, username: user.username, role: 'user', exp: now + ACCESS_SECONDS, type: 'access' },
    world.key,
  );
  const refresh = signJwt({ sub, username: user.username, exp: now + REFRESH_SECONDS, type: 'refresh' }, world.key);
  return { access_token: access, refresh_token: refresh, token_type: 'bearer' };
}

export function userView(world: World, user: HubUser): Record<string, unknown> {
  const at = (ms: number | null): string | null => hubTime(ms, world.profile.database);
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    full_name: 'Hub User',
    avatar_url: null,
    role: 'user',
    is_active: true,
    is_email_verified: true,
    auth_provider: user.password === null ? 'google' : 'local',
    created_at: at(user.createdAt),
    updated_at: at(user.createdAt),
    last_login_at: at(user.lastLoginAt),
  };
}

export function login(ctx: RequestContext, world: World): Reply {
  const over = limited(world, 'login');
  if (over) return over;
  const isForm = String(ctx.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const input = isForm ? Object.fromEntries(new URLSearchParams(ctx.body)) : {};
  const parsed = loginForm.safeParse(input);
  if (!parsed.success) return validationError(parsed.error.issues, 'body', null);
  const { username, password } = parsed.data;
  const user = world.state.users.find((u) => (username.includes('@') ? u.email === username : u.username === username));
  if (user === undefined) return unauthorized('Invalid credentials');
  if (user.password === null) return unauthorized('Please use Google Sign-In for this account');
  if (user.password !== password) return unauthorized('Invalid credentials');
  user.lastLoginAt = world.now();
  return json(200, { user: userView(world, user), ...session(world, user) });
}

/** A JWT of the given type, unexpired and not blacklisted, with the user it names. */
function claimsOf(world: World, token: string, type: string): { claims: Claims; user: HubUser } | null {
  const blacklistedUntil = world.state.blacklist.get(token);
  if (blacklistedUntil !== undefined && blacklistedUntil > world.now()) return null;
  const claims = verifyJwt(token, world.key);
  if (claims === undefined || claims.type !== type || isJwtExpired(claims, world.now())) return null;
  const user = world.state.users.find((u) => String(u.id) === claims.sub);
  return user === undefined ? null : { claims, user };
}

export function refresh(ctx: RequestContext, world: World): Reply {
  const over = limited(world, 'refresh');
  if (over) return over;
  const input = parseJsonBody(ctx.body);
  const parsed = refreshBody.safeParse(input);
  if (!parsed.success) return validationError(parsed.error.issues, 'body', input);
  const found = claimsOf(world, parsed.data.refresh_token, 'refresh');
  if (found === null) return unauthorized('Invalid refresh token');
  return json(200, session(world, found.user));
}

function authenticatePat(world: World, token: string): { user: HubUser } | Reply {
  const pat = [...world.state.pats.values()].find((p) => p.token === token);
  if (pat === undefined) return unauthorized('Invalid API token');
  if (!pat.isActive) return unauthorized('API token has been revoked');
  if (!isLive(pat, world.now())) return unauthorized('API token has expired');
  const user = world.state.users.find((u) => u.id === pat.userId);
  if (user === undefined) return unauthorized('User not found');
  pat.lastUsedAt = world.now();
  return { user };
}

/** The caller by access token or PAT (anything starting `syft_`), or the 401 to answer. */
export function authenticate(ctx: RequestContext, world: World): { user: HubUser; token: string } | Reply {
  const token = bearerOf(ctx.headers);
  if (token === undefined) return unauthorized('Could not validate credentials');
  if (token.startsWith('syft_')) {
    const found = authenticatePat(world, token);
    return 'user' in found ? { user: found.user, token } : found;
  }
  const found = claimsOf(world, token, 'access');
  return found === null ? unauthorized('Could not validate credentials') : { user: found.user, token };
}

/** Blacklists the bearer until its `exp` (a PAT: for the access lifetime, to no effect, as the server does). */
export function logout(world: World, token: string): Reply {
  const exp = verifyJwt(token, world.key)?.exp;
  const until = typeof exp === 'number' ? exp * 1000 : world.now() + ACCESS_SECONDS * 1000;
  world.state.blacklist.set(token, until);
  return noContent();
}

export function me(world: World, user: HubUser, token: string): Reply {
  if (!world.profile.meAcceptsPat && token.startsWith('syft_')) return unauthorized('Could not validate credentials');
  return json(200, userView(world, user));
}
