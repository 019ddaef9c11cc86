// esbuild options for the `keyturn` bundle, shared by scripts/build-cli.mjs (the shipped
// binary) and bench/cli.bench.ts (the bench-only entry), so both load exactly the same way.
import { dirname, join, sep } from 'node:path';

/**
 * zod's namespace export drags in every locale (~370 KB, half the bundle) though only English
 * is ever used (zod registers `en` itself). Resolving `locales/index.js` to English alone keeps
 * `z.locales.en` and drops the rest, which `keyturn get` would otherwise parse on every start.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) =>
      args.importer.includes(`${sep}zod${sep}`)
        ? { path: join(dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-english-only' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * better-sqlite3's JavaScript (lib/, ~15 small files) is bundled, so it loads from the code cache
 * instead of being resolved, read and compiled file by file (~6 ms of every start). Its one
 * lookup of the native addon, `require('bindings')('better_sqlite3.node')`, which probes many
 * paths, becomes a require of the addon where node-gyp and prebuild-install put it, resolved from
 * the bundle's folder, falling back to `bindings` itself.
 */
const betterSqliteAddon = {
  name: 'better-sqlite3-addon',
  setup(build) {
    build.onResolve({ filter: /^bindings$/ }, (args) =>
      args.importer.includes(`${sep}better-sqlite3${sep}`)
        ? { path: 'bindings', namespace: 'better-sqlite3-addon' }
        : args.namespace === 'better-sqlite3-addon'
          ? { path: 'bindings', external: true }
          : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'better-sqlite3-addon' }, () => ({
      contents: `module.exports = function addon(name) {
  try {
    return require('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return require('bindings')(name);
  }
};
`,
      loader: 'js',
    }));
  },
};

/**
 * The launcher's fast path, `keyturn get` through the running app (src/cli/app-get.ts): its own
 * small CommonJS file, `out/cli/keyturn-app.cjs`, with the app link's protocol and nothing of the
 * vault, so asking the app does not load the whole CLI. It is small enough to load without a cache.
 * @returns {import('esbuild').BuildOptions}
 */
export function appPathBuildOptions(entry, outdir) {
  return { ...cliBuildOptions(entry, outdir), entryPoints: { 'keyturn-app': entry }, plugins: [zodEnglishOnly] };
}

/**
 * One CommonJS file, loaded by bin/load-cli.cjs with V8's code cache (Node 20 has no code cache
 * for ES modules). Commands still evaluate lazily: esbuild wraps each dynamically imported module
 * in an init function that runs on first import.
 * @returns {import('esbuild').BuildOptions}
 */
export function cliBuildOptions(entry, outdir) {
  return {
    entryPoints: { keyturn: entry },
    outdir,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.cjs' },
    external: ['better-sqlite3/build/*', '@node-rs/argon2', 'electron'],
    // Smaller text parses faster at every start; messages shown to users are strings, kept as is.
    minify: true,
    plugins: [zodEnglishOnly, betterSqliteAddon],
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  };
}
