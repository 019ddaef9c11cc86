/**
 * The browser test bridge: serves the built renderer on 127.0.0.1 and gives the page the same
 * `window.keyturn` the preload gives it in Electron, backed by the real api handlers running in
 * this Node process (one exposed function per action, from the shared action map).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';
import type { ApiHandlers } from '../../src/main/api';
import { KEYTURN_ACTIONS, type KeyturnAction } from '../../src/shared/keyturn-api';

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

/** Installs `window.keyturn` in every page load, before the app's scripts run. */
export async function installBridge(page: Page, handlers: ApiHandlers): Promise<void> {
  const actions = Object.keys(KEYTURN_ACTIONS) as KeyturnAction[];
  for (const action of actions) {
    const channel = KEYTURN_ACTIONS[action];
    await page.exposeFunction(`__keyturn_${action}`, (input: unknown) => handlers[channel](input));
  }
  await page.addInitScript((names: readonly string[]) => {
    const scope = globalThis as unknown as Record<string, unknown>;
    const listeners: ((event: unknown) => void)[] = [];
    const api: Record<string, unknown> = {
      onSessionChanged: (listener: (event: unknown) => void) => {
        listeners.push(listener);
        return () => listeners.splice(listeners.indexOf(listener), 1);
      },
      // No terminal asks through the bridge: a subscription that never fires.
      onCliApprovalsChanged: () => () => undefined,
    };
    for (const name of names) {
      const call = scope[`__keyturn_${name}`] as (input: unknown) => Promise<unknown>;
      api[name] = (input?: unknown) => call(input ?? {});
    }
    scope['__keyturn_emit'] = (event: unknown) => listeners.forEach((listener) => listener(event));
    Object.defineProperty(globalThis, 'keyturn', { value: Object.freeze(api) });
  }, actions);
}
