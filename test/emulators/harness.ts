import { once } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRateWindow } from './rate-window';

/** A fault applied before the route handler runs, so adapters can be tested against bad days. */
export type Fault =
  | { kind: 'latency'; ms: number }
  /**
   * No answer until the test calls releaseHeld(); then the request is handled as usual (a server
   * that finishes after the client gave up). `onHold` runs once the request has arrived.
   */
  | { kind: 'hold'; onHold?: () => void }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'rate-limit'; retryAfter?: string }
  | { kind: 'malformed' }
  | { kind: 'huge-body'; bytes: number }
  | { kind: 'drop-before' }
  /** The request takes effect, then the connection is cut: the client sees an error at once. */
  | { kind: 'drop-after-commit' }
  /**
   * The request takes effect, then no answer ever comes (the connection stays open until the
   * emulator closes): a client waits for its own timeout, a process killed meanwhile never knows.
   */
  | { kind: 'hang-after-commit' };

export interface FaultRule {
  fault: Fault;
  method?: string;
  path?: string | RegExp;
  times?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface Emulator<State> {
  readonly url: string;
  readonly state: State;
  inject(rule: FaultRule): void;
  clearFaults(): void;
  /** Lets every held request go on, and resolves once each has been handled. */
  releaseHeld(): Promise<void>;
  readonly requests: ReadonlyArray<LoggedRequest>;
  close(): Promise<void>;
}

/** What a route handler sees: the parsed request. */
export interface RequestContext {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The emulator's own base URL, for absolute links such as pagination `next`. */
  readonly baseUrl: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface ServerOptions<State> {
  state: State;
  handle: Handler;
  /** The provider's own rate-limit answer (429 for most, 403 for Syft Space). */
  rateLimitReply: (retryAfter?: string) => Reply;
  /** Another protocol on the same server and port (SynapTask's Socket.IO); closed before the server. */
  attach?: (server: Server) => ServerAttachment;
  /**
   * The profile's per-minute limit per bearer token (null = none), answered with rateLimitReply
   * and a Retry-After in seconds before the handler runs.
   */
  rateLimit?: { readonly perMinute: () => number | null; readonly now: () => number };
  /** The port on 127.0.0.1; 0 (default) lets the system pick a free one. */
  port?: number;
}

/** What `attach` returns. Its close may close the HTTP server too (Socket.IO's does). */
export interface ServerAttachment {
  close(): Promise<void>;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

export function noContent(): Reply {
  return { status: 204 };
}

/** Parses a JSON request body; undefined when it is not JSON. */
export function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** The bearer credential of a request, or undefined when there is none. */
export function bearerOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  if (typeof value !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match?.[1];
}

function matchesRule(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, reply.headers ?? {});
  res.end(reply.body ?? '');
}

function sendHuge(res: ServerResponse, bytes: number): void {
  const head = '{"padding":"';
  const tail = '"}';
  const fill = Math.max(0, bytes - head.length - tail.length);
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': String(head.length + fill + tail.length),
  });
  res.write(head);
  const chunk = 'x'.repeat(64 * 1024);
  let left = fill;
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.slice(0, left);
      left -= piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end(tail);
  };
  pump();
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function statusFaultReply(status: number, body: string | undefined): Reply {
  if (body === undefined) return { status };
  const isJson = parseJsonBody(body) !== undefined;
  return { status, headers: { 'content-type': isJson ? 'application/json' : 'text/plain' }, body };
}

/** Starts a provider emulator on 127.0.0.1 (a free port unless one is given) with fault injection. */
export async function startEmulatorServer<State>(options: ServerOptions<State>): Promise<Emulator<State>> {
  const limiter = options.rateLimit && createRateWindow(options.rateLimit.perMinute, options.rateLimit.now);
  const faults: FaultRule[] = [];
  const requests: LoggedRequest[] = [];
  let baseUrl = '';

  const takeFault = (method: string, path: string): Fault | undefined => {
    const index = faults.findIndex((rule) => matchesRule(rule, method, path));
    const rule = faults[index];
    if (rule === undefined) return undefined;
    const left = (rule.times ?? 1) - 1;
    if (left <= 0) faults.splice(index, 1);
    else faults[index] = { ...rule, times: left };
    return rule.fault;
  };

  const runHandler = async (req: IncomingMessage, method: string, url: URL, read = readBody(req)): Promise<Reply> => {
    const body = await read;
    const ctx: RequestContext = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      baseUrl,
    };
    const wait = limiter?.hit(bearerOf(ctx.headers) ?? 'anonymous');
    if (wait !== undefined) return options.rateLimitReply(String(wait));
    try {
      return await options.handle(ctx);
    } catch {
      return json(500, { detail: 'Internal emulator error' });
    }
  };

  const held: { release: () => void; handled: Promise<void> }[] = [];

  /** Holds the request (its body already read) until releaseHeld(), then answers it. */
  const holdThenAnswer = async (
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    url: URL,
    onHold: (() => void) | undefined,
  ): Promise<void> => {
    const read = readBody(req);
    await read;
    let release = (): void => undefined;
    let handledNow = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    held.push({ release: () => release(), handled: new Promise<void>((resolve) => (handledNow = resolve)) });
    onHold?.();
    await gate;
    try {
      send(res, await runHandler(req, method, url, read));
    } finally {
      handledNow();
    }
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method, path: url.pathname, headers: { ...req.headers } });
    const fault = takeFault(method, url.pathname);
    switch (fault?.kind) {
      case undefined:
        return send(res, await runHandler(req, method, url));
      case 'latency':
        await sleep(fault.ms);
        return send(res, await runHandler(req, method, url));
      case 'hold':
        return holdThenAnswer(req, res, method, url, fault.onHold);
      case 'status':
        return send(res, statusFaultReply(fault.status, fault.body));
      case 'rate-limit':
        return send(res, options.rateLimitReply(fault.retryAfter));
      case 'malformed':
        return send(res, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"oops":' });
      case 'huge-body':
        return sendHuge(res, fault.bytes);
      case 'drop-before':
        req.socket.destroy();
        return;
      case 'drop-after-commit':
        await runHandler(req, method, url);
        req.socket.destroy();
        return;
      case 'hang-after-commit':
        await runHandler(req, method, url);
        return;
    }
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  const attachment = options.attach?.(server);

  return {
    url: baseUrl,
    state: options.state,
    requests,
    inject: (rule) => void faults.push(rule),
    clearFaults: () => void faults.splice(0, faults.length),
    releaseHeld: async () => {
      const waiting = held.splice(0);
      for (const request of waiting) request.release();
      await Promise.all(waiting.map((request) => request.handled));
    },
    close: async () => {
      for (const request of held.splice(0)) request.release();
      // Listen first: an attachment may close the server, and 'close' fires only once.
      const closed = once(server, 'close');
      server.closeAllConnections();
      await attachment?.close();
      if (server.listening) server.close();
      await closed;
    },
  };
}
