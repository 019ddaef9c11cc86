/**
 * SyftHub's personal access tokens as its source has them: `syft_pat_` + 43 base64url chars,
 * a 16-char prefix, scopes (default `["full"]`, stored but enforced nowhere), an optional
 * `expires_at` that must lie ahead (an offset-less one is read as UTC), at most 50 *active*
 * tokens per user (expired ones still count until revoked), soft revoke, and list paging with
 * no bounds on `limit` (default 100), newest first.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { detail, validationError } from './fastapi';
import { json, noContent, parseJsonBody, type Reply, type RequestContext } from './harness';
import { hubTime, readHubTime } from './syft-hub-time';
import type { HubUser, Pat, World } from './syft-hub-world';

const PREFIX_LENGTH = 16;
const nameField = z.string().min(1).max(100);
const scopeField = z.enum(['read', 'write', 'full']);
const createBody = z.object({
  name: nameField,
  scopes: z.array(scopeField).min(1, 'Value error, At least one scope must be specified').default(['full']),
  expires_at: z.union([z.string(), z.number()]).nullable().optional(),
});
const patchBody = z.object({ name: nameField });
/** FastAPI's bool query parsing. */
const queryBool = z
  .string()
  .transform((v) => v.toLowerCase())
  .pipe(z.enum(['true', '1', 'yes', 'on', 'false', '0', 'no', 'off']))
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const listQuery = z.object({
  include_inactive: queryBool.default(false),
  skip: z.coerce.number().int().default(0),
  limit: z.coerce.number().int().default(100),
});

export function patView(world: World, pat: Pat): Record<string, unknown> {
  const at = (ms: number | null): string | null => hubTime(ms, world.profile.database);
  return {
    id: pat.id,
    name: pat.name,
    token_prefix: pat.token.slice(0, PREFIX_LENGTH),
    scopes: pat.scopes,
    expires_at: at(pat.expiresAt),
    last_used_at: at(pat.lastUsedAt),
    last_used_ip: pat.lastUsedAt === null ? null : '127.0.0.1',
    is_active: pat.isActive,
    created_at: at(pat.createdAt),
    updated_at: at(pat.updatedAt),
  };
}

function expiryError(input: unknown, message: string): Reply {
  return json(422, { detail: [{ type: 'value_error', loc: ['body', 'expires_at'], msg: message, input }] });
}

export function createPat(ctx: RequestContext, world: World, user: HubUser): Reply {
  const input = parseJsonBody(ctx.body);
  const parsed = createBody.safeParse(input);
  if (!parsed.success) return validationError(parsed.error.issues, 'body', input);
  const raw = parsed.data.expires_at;
  const expiresAt = raw === null || raw === undefined ? null : readHubTime(raw);
  if (expiresAt !== null && Number.isNaN(expiresAt)) return expiryError(raw, 'Input should be a valid datetime');
  if (expiresAt !== null && expiresAt <= world.now())
    return expiryError(raw, 'Value error, Expiration must be in the future');
  const active = [...world.state.pats.values()].filter((p) => p.userId === user.id && p.isActive).length;
  const max = world.profile.maxActiveTokens;
  if (active >= max) {
    return detail(
      400,
      `Maximum number of API tokens (${max}) reached. Please revoke unused tokens before creating new ones.`,
    );
  }
  const token = `syft_pat_${randomBytes(32).toString('base64url')}`;
  const now = world.now();
  const pat: Pat = {
    id: world.nextId(),
    userId: user.id,
    name: parsed.data.name,
    token,
    scopes: [...new Set(parsed.data.scopes)],
    expiresAt,
    lastUsedAt: null,
    isActive: true,
    createdAt: now,
    updatedAt: now,
  };
  world.state.pats.set(pat.id, pat);
  return json(201, { ...patView(world, pat), token });
}

export function listPats(ctx: RequestContext, world: World, user: HubUser): Reply {
  const input = Object.fromEntries(ctx.query);
  const parsed = listQuery.safeParse(input);
  if (!parsed.success) return validationError(parsed.error.issues, 'query', input);
  const { include_inactive: includeInactive, skip, limit } = parsed.data;
  const mine = [...world.state.pats.values()]
    .filter((p) => p.userId === user.id && (includeInactive || p.isActive))
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  // SQLite: a negative LIMIT means none, a negative OFFSET means zero.
  const from = Math.max(0, skip);
  const page = limit < 0 ? mine.slice(from) : mine.slice(from, from + limit);
  return json(200, { tokens: page.map((p) => patView(world, p)), total: mine.length });
}

/** `{token_id}` is an int path parameter: anything else is FastAPI's 422. */
function findPat(world: World, user: HubUser, id: string): Pat | Reply {
  if (!/^-?\d+$/.test(id)) {
    return json(422, {
      detail: [{ type: 'int_parsing', loc: ['path', 'token_id'], msg: 'Input should be a valid integer', input: id }],
    });
  }
  const pat = world.state.pats.get(Number(id));
  return pat !== undefined && pat.userId === user.id ? pat : detail(404, 'API token not found');
}

export function getPat(world: World, user: HubUser, id: string): Reply {
  const pat = findPat(world, user, id);
  return 'token' in pat ? json(200, patView(world, pat)) : pat;
}

export function patchPat(ctx: RequestContext, world: World, user: HubUser, id: string): Reply {
  const pat = findPat(world, user, id);
  if (!('token' in pat)) return pat;
  const input = parseJsonBody(ctx.body);
  const parsed = patchBody.safeParse(input);
  if (!parsed.success) return validationError(parsed.error.issues, 'body', input);
  pat.name = parsed.data.name;
  pat.updatedAt = world.now();
  return json(200, patView(world, pat));
}

export function revokePat(world: World, user: HubUser, id: string): Reply {
  const pat = findPat(world, user, id);
  if (!('token' in pat)) return pat;
  pat.isActive = false;
  pat.updatedAt = world.now();
  return noContent();
}
