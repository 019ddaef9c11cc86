'use strict';
/**
 * Loads the `keyturn` bundle (out/cli/keyturn.cjs, one CommonJS file) with V8's code cache.
 *
 * Compiling the bundle's JavaScript is most of a cold `keyturn` start. `npm run build:cli` runs
 * one `keyturn get` after bundling and stores the bytecode V8 compiled for it next to the bundle
 * (`keyturn.cjs.cache`: 32 bytes of SHA-256 of the bundle, then V8's cached data). Here the
 * bundle is compiled with that data, so those functions are not parsed or compiled again.
 *
 * The cache is an optimisation only, never needed for correctness:
 * - missing, unreadable or written for another bundle (hash mismatch) → not used. V8's own check
 *   compares the source's length, not its content, so the hash is what keeps an edited bundle of
 *   the same length from running stale bytecode.
 * - written by another Node/V8 version or with other V8 flags → V8 rejects it and compiles.
 * It is as trusted as the bundle itself: both are build output in the same folder.
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const { Script } = require('node:vm');

const HASH_BYTES = 32;

/** The same wrapper as Node's own for CommonJS files, so the bundle sees the usual names. */
function wrap(source) {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
}

function sourceHash(source) {
  return createHash('sha256').update(source).digest();
}

/** The cache's V8 data if it was written for exactly this source, else why not. */
function readCache(cachePath, hash) {
  let file;
  try {
    file = readFileSync(cachePath);
  } catch {
    return { status: 'missing' };
  }
  if (file.length <= HASH_BYTES || !file.subarray(0, HASH_BYTES).equals(hash)) return { status: 'stale' };
  return { status: 'found', data: file.subarray(HASH_BYTES) };
}

/**
 * Compiles and runs the bundle at `bundlePath`, using `${bundlePath}.cache` when it fits.
 * Returns the bundle's exports, the compiled script (the build asks it for new cache data) and
 * what happened to the cache: 'used', 'rejected' (by V8), 'stale', 'missing' or 'off'.
 */
function loadBundle(bundlePath, options = {}) {
  const source = readFileSync(bundlePath, 'utf8');
  const hash = sourceHash(source);
  const cache = options.useCache === false ? { status: 'off' } : readCache(`${bundlePath}.cache`, hash);
  const script = new Script(wrap(source), {
    filename: bundlePath,
    ...(cache.data === undefined ? {} : { cachedData: cache.data }),
  });
  const status = cache.data === undefined ? cache.status : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return { exports: module.exports, script, hash, cache: status };
}

/** What the build stores: the bundle's hash, then V8's data for everything compiled so far. */
function cacheFileContents(loaded) {
  return Buffer.concat([loaded.hash, loaded.script.createCachedData()]);
}

/**
 * Runs the CLI in this process. `selfPath` is the script a helper process (the clipboard
 * clearer) is started with. KEYTURN_CODE_CACHE=report prints the cache's fate on stderr.
 */
function launch(bundlePath, selfPath) {
  const loaded = loadBundle(bundlePath);
  if (process.env.KEYTURN_CODE_CACHE === 'report') process.stderr.write(`keyturn code cache: ${loaded.cache}\n`);
  return loaded.exports.run(selfPath);
}

module.exports = { loadBundle, cacheFileContents, launch };
