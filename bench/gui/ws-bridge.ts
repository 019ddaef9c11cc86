/**
 * The bench's transport: `window.keyturn` over a WebSocket (socket.io, websocket transport only)
 * to the real api handlers in bench:gui's main process (main-host.ts), instead of the tests'
 * Playwright `exposeFunction` bridge (seconds per 5 MB). Two halves: the server runs in main,
 * beside the handlers, and records each call's handler time and answer size, so the bench can
 * tell main's share from the transport's; the page side is installed by the Playwright process.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { Server } from 'socket.io';
import type { ApiHandlers, WindowEvents } from '../../src/main/api';
import { KEYTURN_ACTIONS, KEYTURN_EVENTS, type KeyturnAction } from '../../src/shared/keyturn-api';
import type { CallRecord } from './main-host-protocol';

export interface WsServer {
  /** Where `installWsBridge` points the page. */
  readonly url: string;
  readonly calls: CallRecord[];
  close(): Promise<void>;
}

/** The server half, in main: each page's calls answered by `handlers`, main's events pushed. */
export async function startWsServer(handlers: ApiHandlers, events: WindowEvents): Promise<WsServer> {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'], serveClient: false, maxHttpBufferSize: 64e6 });
  const calls: CallRecord[] = [];
  io.on('connection', (socket) => {
    const stop = events.subscribe(({ name, payload }) => socket.emit('event', name, payload));
    socket.on('disconnect', stop);
    socket.on('call', async (action: KeyturnAction, input: unknown, ack: (answer: unknown) => void) => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const answer = await handlers[KEYTURN_ACTIONS[action]](input);
      const handlerMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const text = (input as { text?: unknown } | null)?.text;
      calls.push({
        action,
        text: typeof text === 'string' ? text : null,
        handlerMs,
        handlerCpuMs: (used.user + used.system) / 1000,
        bytes: Buffer.byteLength(JSON.stringify(answer)),
      });
      ack(answer);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise((resolve) => io.close(() => resolve())),
  };
}

/** The page half: the socket.io client and `window.keyturn` on `url`, in every page of the context. */
export async function installWsBridge(context: BrowserContext, url: string): Promise<void> {
  // The browser build of the client (the package's exports do not name its dist/ files).
  await context.addInitScript({ path: resolve('node_modules/socket.io-client/dist/socket.io.min.js') });
  await context.addInitScript(pageBridge, { url, names: Object.keys(KEYTURN_ACTIONS), subscriptions: KEYTURN_EVENTS });
}

/** Runs in the page before the app: `window.keyturn` from the socket, and the bench's probes. */
function pageBridge({
  url,
  names,
  subscriptions,
}: {
  url: string;
  names: readonly string[];
  subscriptions: Readonly<Record<string, string>>;
}): void {
  type Socket = {
    emit(event: string, ...args: unknown[]): void;
    on(event: string, listener: (...args: never[]) => void): void;
  };
  const scope = globalThis as unknown as Record<string, unknown>;
  const socket = (scope['io'] as (url: string, options: object) => Socket)(url, { transports: ['websocket'] });
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  socket.on('event', (name: string, payload: unknown) => listeners.get(name)?.forEach((listener) => listener(payload)));
  // The bench waits for the answer to a query for `text` (a keystroke) through this hook.
  const probe: { onAnswer: ((action: string, input: unknown) => void) | null } = { onAnswer: null };
  scope['__benchProbe'] = probe;
  const api: Record<string, unknown> = {};
  for (const [subscription, channel] of Object.entries(subscriptions)) {
    api[subscription] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set.add(listener));
      return () => void set.delete(listener);
    };
  }
  for (const name of names) {
    api[name] = (input?: unknown) =>
      new Promise((resolve) =>
        socket.emit('call', name, input ?? {}, (answer: unknown) => {
          resolve(answer);
          // After the app's own continuation has run (it awaited this promise first).
          queueMicrotask(() => probe.onAnswer?.(name, input));
        }),
      );
  }
  Object.defineProperty(globalThis, 'keyturn', { value: Object.freeze(api) });
}
