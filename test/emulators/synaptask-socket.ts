import type { Server as HttpServer } from 'node:http';
import { Server, type ExtendedError, type Socket } from 'socket.io';
import { z } from 'zod';
import { bearerOf, type ServerAttachment } from './harness';
import type { RateWindow } from './rate-window';

/** Contract: "Socket.IO on the same host, path `/ext-socket.io`". */
export const SYNAPTASK_SOCKET_PATH = '/ext-socket.io';

/**
 * Event names. Only `connected` and `rate_limited` are in the contract. The names below marked
 * "emulator's choice" are NOT documented by SynapTask: the contract says calls exist and can go
 * over the limit, and that a bad token "is disconnected", but names neither the call events nor
 * what (if anything) is said before the disconnect.
 */
export const SYNAPTASK_SOCKET_EVENTS = {
  connected: 'connected',
  rateLimited: 'rate_limited',
  /** Emulator's choice: the read call mirroring `GET /api/graph`, payload `{limit?, offset?}`, answered by ack. */
  readGraph: 'graph:get',
  /** Emulator's choice: sent just before a bad/missing/revoked token is disconnected. */
  unauthorized: 'unauthorized',
} as const;

/** The REST error bodies, reused on the socket so both sides read alike. */
const unauthorizedBody = { ok: false, error: 'unauthorized', message: 'Invalid or missing API token' } as const;
const rateLimitedBody = { ok: false, error: 'rate_limited', message: 'Too many requests, slow down' } as const;

export interface SocketProfile {
  /**
   * Unknown in the contract ("a bad token is disconnected"): 'disconnect' accepts the handshake,
   * emits `unauthorized` and disconnects (client sees `disconnect`, reason "io server disconnect");
   * 'refuse' refuses the handshake (client sees `connect_error`, message "Invalid or missing API
   * token", `data` = the REST error body). A token revoked mid-session is disconnected either way.
   */
  socketBadToken: 'disconnect' | 'refuse';
  /** Unknown in the contract: the form of `connected.serverTime` (ISO 8601 string or epoch ms). */
  socketServerTime: 'iso' | 'epoch-ms';
}

export interface SocketDeps {
  readonly profile: SocketProfile;
  readonly now: () => number;
  /** The emulator's per-token rate window (the profile's `rateLimitPerMinute`, on its clock). */
  readonly limiter: RateWindow;
  /** The user id of an active token, undefined for an unknown or revoked one. */
  authenticate(token: string | undefined): string | undefined;
  /** The graph read shared with REST: the reply body, or an error body for a bad query. */
  readGraph(query: unknown): Record<string, unknown>;
}

const authSchema = z.object({ api_token: z.string() });

type Ack = (reply: unknown) => void;
const isAck = (value: unknown): value is Ack => typeof value === 'function';

/** `auth: {api_token}` first, then the `Authorization: Bearer` header (extraHeaders). */
function handshakeToken(socket: Socket): string | undefined {
  const auth = authSchema.safeParse(socket.handshake.auth);
  return auth.success ? auth.data.api_token : bearerOf(socket.handshake.headers);
}

function refusal(): ExtendedError {
  return Object.assign(new Error(unauthorizedBody.message), { data: unauthorizedBody });
}

function expel(socket: Socket, ack?: Ack): void {
  ack?.(unauthorizedBody);
  socket.emit(SYNAPTASK_SOCKET_EVENTS.unauthorized, unauthorizedBody);
  socket.disconnect(true);
}

function serverTime(deps: SocketDeps): string | number {
  const at = deps.now();
  return deps.profile.socketServerTime === 'iso' ? new Date(at).toISOString() : at;
}

/** A call: re-checks the token (it may be revoked since the handshake), counts it, then answers. */
function onCall(
  socket: Socket,
  deps: SocketDeps,
  token: string,
  event: string,
  answer: (payload: unknown) => unknown,
): void {
  socket.on(event, (...args: unknown[]) => {
    const last = args.at(-1);
    const ack = isAck(last) ? last : undefined;
    const payload = args[0] === last && ack !== undefined ? undefined : args[0];
    if (deps.authenticate(token) === undefined) return expel(socket, ack);
    if (deps.limiter.hit(`${token} socket ${event}`) !== undefined) {
      socket.emit(SYNAPTASK_SOCKET_EVENTS.rateLimited, { ...rateLimitedBody, event });
      return ack?.(rateLimitedBody);
    }
    ack?.(answer(payload));
  });
}

function onConnection(socket: Socket, deps: SocketDeps): void {
  const token = handshakeToken(socket);
  const uid = deps.authenticate(token);
  if (token === undefined || uid === undefined) return expel(socket);
  onCall(socket, deps, token, SYNAPTASK_SOCKET_EVENTS.readGraph, (payload) => deps.readGraph(payload ?? {}));
  // `client` is not explained by the contract; the emulator sends this connection's id.
  socket.emit(SYNAPTASK_SOCKET_EVENTS.connected, { ok: true, uid, client: socket.id, serverTime: serverTime(deps) });
}

/** Attaches SynapTask's Socket.IO endpoint to the emulator's HTTP server (same host and port). */
export function attachSynapTaskSocket(server: HttpServer, deps: SocketDeps): ServerAttachment {
  const io = new Server(server, { path: SYNAPTASK_SOCKET_PATH, serveClient: false });
  io.use((socket, next) => {
    const isRefused =
      deps.profile.socketBadToken === 'refuse' && deps.authenticate(handshakeToken(socket)) === undefined;
    next(isRefused ? refusal() : undefined);
  });
  io.on('connection', (socket) => onConnection(socket, deps));
  // Disconnects every socket, closes Engine.IO, then closes the HTTP server (resolves when it has).
  return { close: () => io.close() };
}
