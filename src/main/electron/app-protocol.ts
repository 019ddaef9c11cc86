/**
 * The window's page is served from app://keyturn/, a privileged standard scheme, instead of file://:
 * the page gets a real origin ('self' in the CSP), the CSP comes as a response header too, nothing
 * outside the built renderer folder can be read, and the grantFileProtocolExtraPrivileges fuse can
 * be turned off (electron-builder.yml).
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ProtocolLike } from './electron-api';
import { STRICT_CSP_HEADER } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'keyturn';
export const RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Must run before the app's `ready` event (Electron's rule for privileged schemes). */
export function registerAppScheme(protocol: Pick<ProtocolLike, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    // standard: a real origin and relative URLs; secure: a secure context, as https would be.
    // No bypassCSP, no corsEnabled, no service workers: the page needs none of them.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Answers app://keyturn/<path> from `root` (out/renderer); anything else is refused. */
export function serveRenderer(root: string): (request: Request) => Promise<Response> {
  const base = resolve(root);
  return async (request) => {
    const file = rendererFile(base, request.url);
    if (file === null) return new Response('Not found', { status: 404, headers: headers('text/plain') });
    try {
      const body = await readFile(file);
      return new Response(body, { status: 200, headers: headers(TYPES[extname(file)] ?? 'application/octet-stream') });
    } catch {
      return new Response('Not found', { status: 404, headers: headers('text/plain') });
    }
  };
}

/** The file under `base` a URL names, or null for another host, a traversal or a bad URL. */
function rendererFile(base: string, raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = resolve(join(base, path === '/' ? 'index.html' : path));
  const inside = relative(base, file);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? null : file;
}

function headers(contentType: string): Headers {
  return new Headers({
    'content-type': contentType,
    'content-security-policy': STRICT_CSP_HEADER,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
}
