import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { STRICT_CSP, devCsp } from './src/main/electron/csp';

// Native modules stay outside the bundle and are unpacked from asar at packaging.
const NATIVE = ['better-sqlite3', '@node-rs/argon2'];

/**
 * `npm run dev` only: Electron cannot load the repository's better-sqlite3, which is built for
 * Node (the CLI and the tests), so the dev main bundle imports the Electron build that
 * scripts/dev-natives.mjs keeps in build/electron-dev (docs/native-modules.md). A production build
 * imports the bare name, resolved in the packaged app's own node_modules.
 */
const ELECTRON_DEV_IMPORTS: Record<string, string> = {
  'better-sqlite3': pathToFileURL(resolve('build/electron-dev/node_modules/better-sqlite3/lib/index.js')).href,
};

/**
 * Development only (`apply: 'serve'`, so never in a build): the dev server's page needs the React
 * refresh preamble (an inline script), the styles Vite injects, and the HMR websocket, all of which
 * the strict policy refuses. Vite gives every script and style this server's random nonce
 * (html.cspNonce), and the meta tag is replaced with a policy allowing exactly those and the socket.
 */
function devContentSecurityPolicy(): Plugin {
  const nonce = randomBytes(18).toString('base64url');
  return {
    name: 'keyturn-dev-csp',
    apply: 'serve',
    config: () => ({ html: { cspNonce: nonce } }),
    transformIndexHtml: {
      order: 'pre',
      handler(html, context) {
        const url = context.server?.resolvedUrls?.local[0];
        if (url === undefined) throw new Error('keyturn-dev-csp: the dev server has no URL yet');
        if (!html.includes(STRICT_CSP)) throw new Error("keyturn-dev-csp: index.html's meta tag is not STRICT_CSP");
        return html.replace(STRICT_CSP, devCsp(nonce, url));
      },
    },
  };
}

export default defineConfig(({ command }) => ({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: { include: NATIVE },
      rollupOptions: {
        input: { index: 'src/main/electron/launch.ts' },
        external: NATIVE,
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          ...(command === 'serve' ? { paths: ELECTRON_DEV_IMPORTS } : {}),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads can only require('electron'): bundle everything else, as CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: 'src/preload/index.ts' },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react(), devContentSecurityPolicy()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified by default (1.5 MB); the window tests build it
      // minified (test/support/renderer-build.ts), so the app ships what they test, and parses less.
      minify: true,
      rollupOptions: { input: { index: 'src/renderer/index.html' } },
    },
  },
}));
