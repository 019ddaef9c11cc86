import { randomBytes, randomUUID } from 'node:crypto';
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
import { createRateWindow } from './rate-window';
import type { EmulatorOptions } from './satori-emulator';
import { seedSource } from './stable-seed';
import { attachSynapTaskSocket, SYNAPTASK_SOCKET_PATH, type SocketProfile } from './synaptask-socket';

/**
 * Rate limits are the contract's open question (300/min per endpoint, ~2000/h, 200/h): a setting,
 * applied per token to each REST endpoint and to each Socket.IO call event alike.
 */
export interface SynapTaskProfile extends SocketProfile {
  rateLimitPerMinute: number | null;
}

export const defaultSynapTaskProfile: SynapTaskProfile = {
  rateLimitPerMinute: 300,
  socketBadToken: 'disconnect',
  socketServerTime: 'iso',
};

/** Owner 0, Admin 1, Editor 2, Viewer 3. */
export type AccessLevel = 0 | 1 | 2 | 3;

export interface SynapNode {
  readonly id: string;
  title: string;
  version: number;
}

export interface SynapTaskState {
  readonly tokens: Map<string, { uid: string; level: AccessLevel; active: boolean }>;
  readonly nodes: SynapNode[];
  readonly links: Array<{ source: string; target: string }>;
  /** What the web UI does (Account Settings → API Tokens): issue a token shown once, or revoke one. */
  /** Issues a token (`token` given: that one, for a seed that must survive a restart). */
  issueToken(level?: AccessLevel, token?: string): string;
  revokeToken(token: string): void;
}

export interface SynapTaskSeed {
  token: string;
  viewerToken: string;
}

const error = (status: number, code: string, message: string): Reply => json(status, { error: code, message });
const unauthorized = (): Reply => error(401, 'unauthorized', 'Invalid or missing API token');
const forbidden = (): Reply => error(403, 'forbidden', 'Insufficient access level');
const rateLimited = (retryAfter?: string): Reply =>
  json(
    429,
    { error: 'rate_limited', message: 'Too many requests, slow down' },
    retryAfter === undefined ? {} : { 'retry-after': retryAfter },
  );

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const createBody = z.object({ title: z.string().min(1).max(500) });
const patchBody = z.object({ title: z.string().min(1).max(500), version: z.number().int() });

function createState(): SynapTaskState {
  const tokens = new Map<string, { uid: string; level: AccessLevel; active: boolean }>();
  const uid = randomUUID();
  const nodes: SynapNode[] = ['Inbox', 'Rotate keys', 'Write docs', 'Ship v1', 'Retro'].map((title) => ({
    id: randomUUID(),
    title,
    version: 1,
  }));
  const links = nodes.slice(1).map((node, i) => ({ source: nodes[i]?.id ?? '', target: node.id }));
  return {
    tokens,
    nodes,
    links,
    issueToken(level = 0, given) {
      const token = given ?? `st_${randomBytes(24).toString('base64url')}`;
      tokens.set(token, { uid, level, active: true });
      return token;
    },
    revokeToken(token) {
      const entry = tokens.get(token);
      if (entry !== undefined) entry.active = false;
    },
  };
}

const badPage = { error: 'bad_request', message: 'limit must be 1..500 and offset ≥ 0' } as const;

/** The graph read shared by `GET /api/graph` and the socket call: a page body, or undefined for a bad query. */
function readGraph(query: unknown, state: SynapTaskState): Record<string, unknown> | undefined {
  const parsed = pageQuery.safeParse(query);
  if (!parsed.success) return undefined;
  const { limit, offset } = parsed.data;
  const nodes = state.nodes.slice(offset, offset + limit);
  const ids = new Set(nodes.map((n) => n.id));
  const links = state.links.filter((l) => ids.has(l.source) && ids.has(l.target));
  return { ok: true, hasMore: offset + limit < state.nodes.length, nodes, links };
}

function graph(ctx: RequestContext, state: SynapTaskState): Reply {
  const page = readGraph(Object.fromEntries(ctx.query), state);
  return page === undefined ? error(400, badPage.error, badPage.message) : json(200, page);
}

function activeUid(state: SynapTaskState, token: string | undefined): string | undefined {
  const entry = token === undefined ? undefined : state.tokens.get(token);
  return entry?.active === true ? entry.uid : undefined;
}

function createNode(ctx: RequestContext, state: SynapTaskState): Reply {
  const parsed = createBody.safeParse(parseJsonBody(ctx.body));
  if (!parsed.success) return error(400, 'bad_request', 'title is required');
  const node: SynapNode = { id: randomUUID(), title: parsed.data.title, version: 1 };
  state.nodes.push(node);
  return json(201, { ok: true, node });
}

function patchNode(ctx: RequestContext, state: SynapTaskState, id: string): Reply {
  const node = state.nodes.find((n) => n.id === id);
  if (node === undefined) return error(404, 'not_found', 'Node not found');
  const parsed = patchBody.safeParse(parseJsonBody(ctx.body));
  if (!parsed.success) return error(400, 'bad_request', 'title and version are required');
  if (parsed.data.version !== node.version)
    return error(409, 'version_conflict', `Node was changed (version ${node.version})`);
  node.title = parsed.data.title;
  node.version += 1;
  return json(200, { ok: true, node });
}

function route(ctx: RequestContext, state: SynapTaskState, level: AccessLevel): Reply {
  const isEditor = level <= 2;
  const nodeMatch = /^\/api\/nodes\/([^/]+)$/.exec(ctx.path);
  if (ctx.path === '/api/graph' && ctx.method === 'GET') return graph(ctx, state);
  if (ctx.path === '/api/nodes' && ctx.method === 'GET') return json(200, { ok: true, nodes: state.nodes });
  if (ctx.path === '/api/nodes' && ctx.method === 'POST') return isEditor ? createNode(ctx, state) : forbidden();
  if (nodeMatch !== null && ctx.method === 'PATCH')
    return isEditor ? patchNode(ctx, state, nodeMatch[1] ?? '') : forbidden();
  return error(404, 'not_found', 'Not found');
}

/**
 * Starts a SynapTask emulator on 127.0.0.1: REST (/api/graph, /api/nodes) and, on the same server
 * and port, Socket.IO at `socketPath` (see synaptask-socket.ts). Tokens come from the "web UI".
 */
export async function startSynapTaskEmulator(
  options: EmulatorOptions<SynapTaskProfile> = {},
): Promise<Emulator<SynapTaskState> & { seed: SynapTaskSeed; profile: SynapTaskProfile; socketPath: string }> {
  const now = options.now ?? Date.now;
  const profile: SynapTaskProfile = { ...defaultSynapTaskProfile, ...options.profile };
  const state = createState();
  const source = seedSource(options.stable);
  const issue = (level: AccessLevel, label: string): string =>
    state.issueToken(level, `st_${source.bytes(`synaptask/${label}`, 24).toString('base64url')}`);
  const seed: SynapTaskSeed = { token: issue(0, 'token'), viewerToken: issue(3, 'viewer-token') };
  const limiter = createRateWindow(() => profile.rateLimitPerMinute, now);
  const server = await startEmulatorServer({
    ...(options.port === undefined ? {} : { port: options.port }),
    state,
    rateLimitReply: rateLimited,
    attach: (http) =>
      attachSynapTaskSocket(http, {
        profile,
        now,
        limiter,
        authenticate: (token) => activeUid(state, token),
        readGraph: (query) => readGraph(query, state) ?? { ok: false, ...badPage },
      }),
    handle: (ctx) => {
      const token = bearerOf(ctx.headers);
      const entry = token === undefined ? undefined : state.tokens.get(token);
      if (token === undefined || entry === undefined || !entry.active) return unauthorized();
      if (limiter.hit(`${token} ${ctx.path}`) !== undefined) return rateLimited();
      return route(ctx, state, entry.level);
    },
  });
  return Object.assign(server, { seed, profile, socketPath: SYNAPTASK_SOCKET_PATH });
}
