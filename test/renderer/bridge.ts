/**
 * The browser test bridge: serves the built renderer on 127.0.0.1 and gives the page the same
 * `window.keyturn` the preload gives it in Electron, backed by the real api handlers running in
 * this Node process (one exposed function per action, from the shared action map), and pushes
 * main's events (the event hub) into the page, as Electron's webContents.send does.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';
import type { ApiHandlers, WindowEvents } from '../../src/main/api';
import { KEYTURN_ACTIONS, KEYTURN_EVENTS, type KeyturnAction } from '../../src/shared/keyturn-api';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** A static file server for `root`, loopback only. */
export async function serveStatic(root: string): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) =>
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Installs `window.keyturn` in every page load, before the app's scripts run: the actions call the
 * real handlers in this process; the `onX` subscriptions hear what `events` (the app's event hub)
 * is told, pushed into the page in order. Returns a function that stops forwarding events.
 */
export async function installBridge(page: Page, handlers: ApiHandlers, events?: WindowEvents): Promise<() => void> {
  const actions = Object.keys(KEYTURN_ACTIONS) as KeyturnAction[];
  for (const action of actions) {
    const channel = KEYTURN_ACTIONS[action];
    await page.exposeFunction(`__keyturn_${action}`, (input: unknown) => handlers[channel](input));
  }
  await page.addInitScript(
    ({ names, subscriptions }: { names: readonly string[]; subscriptions: Readonly<Record<string, string>> }) => {
      const scope = globalThis as unknown as Record<string, unknown>;
      const listeners = new Map<string, Set<(payload: unknown) => void>>();
      const api: Record<string, unknown> = {};
      for (const [subscription, channel] of Object.entries(subscriptions)) {
        api[subscription] = (listener: (payload: unknown) => void) => {
          const set = listeners.get(channel) ?? new Set();
          listeners.set(channel, set.add(listener));
          return () => void set.delete(listener);
        };
      }
      for (const name of names) {
        const call = scope[`__keyturn_${name}`] as (input: unknown) => Promise<unknown>;
        api[name] = (input?: unknown) => call(input ?? {});
      }
      scope['__keyturn_emit'] = (channel: string, payload: unknown) =>
        listeners.get(channel)?.forEach((listener) => listener(payload));
      Object.defineProperty(globalThis, 'keyturn', { value: Object.freeze(api) });
    },
    { names: actions, subscriptions: KEYTURN_EVENTS },
  );
  return events === undefined ? () => undefined : forwardToPage(page, events);
}

/** Each event is evaluated in the page after the previous one, so the page hears them in order. */
function forwardToPage(page: Page, events: WindowEvents): () => void {
  let queue = Promise.resolve();
  return events.subscribe(({ name, payload }) => {
    queue = queue
      .then(() => emitInPage(page, name, payload))
      // A page that navigated or closed misses events, as Electron's window would.
      .catch(() => undefined);
  });
}

/** What a test calls to push an event main did not produce (or to replay one). */
export async function emitInPage(page: Page, name: string, payload: unknown): Promise<void> {
  await page.evaluate(
    ([channel, data]) => {
      const emit = (globalThis as unknown as Record<string, (channel: unknown, payload: unknown) => void>)[
        '__keyturn_emit'
      ];
      emit?.(channel, data);
    },
    [name, payload] as const,
  );
}
