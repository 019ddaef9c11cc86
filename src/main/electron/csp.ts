/**
 * Content Security Policies for the window. The strict one ships: in index.html's meta tag and as
 * a response header of every app:// page. The development one exists only on electron-vite's dev
 * server (electron.vite.config.ts applies it in `serve` only), never in a build.
 */

/** Nothing but the app's own scripts, styles and images; no network at all (STYLE.md, Electron). */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** The header adds what a meta tag cannot carry: no page may frame the app. */
export const STRICT_CSP_HEADER = `${STRICT_CSP}; frame-ancestors 'none'`;

/**
 * The dev server's page needs exactly two things the strict policy refuses: the React refresh
 * preamble (an inline module script) and the styles Vite injects, both of which carry this
 * server's nonce (Vite's html.cspNonce), and the HMR websocket back to the dev server.
 */
export function devCsp(nonce: string, devServerUrl: string): string {
  const server = new URL(devServerUrl);
  const socket = `${server.protocol === 'https:' ? 'wss:' : 'ws:'}//${server.host}`;
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${socket}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}
