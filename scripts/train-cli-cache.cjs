'use strict';
/**
 * Build step (scripts/build-cli.mjs): node train-cli-cache.cjs BUNDLE LAUNCHER ...ARGS
 * Loads BUNDLE without a cache, runs the CLI with ARGS exactly as LAUNCHER would, and if that
 * succeeds writes BUNDLE.cache (by rename) with the bytecode V8 compiled on the way.
 * Started with the same Node and no extra V8 flags, as `keyturn` itself is, so V8 accepts it.
 */
const { renameSync, writeFileSync } = require('node:fs');
const { cacheFileContents, loadBundle } = require('../bin/load-cli.cjs');

async function train() {
  const [bundle, launcher, ...args] = process.argv.slice(2);
  if (!bundle || !launcher || args.length === 0) throw new Error('usage: train-cli-cache.cjs BUNDLE LAUNCHER ARGS…');
  const loaded = loadBundle(bundle, { useCache: false });
  process.argv = [process.argv[0], launcher, ...args];
  await loaded.exports.run(launcher);
  if (process.exitCode !== 0 && process.exitCode !== undefined) throw new Error(`keyturn ${args[0]} failed`);
  const temp = `${bundle}.cache.${process.pid}.tmp`;
  writeFileSync(temp, cacheFileContents(loaded));
  renameSync(temp, `${bundle}.cache`);
}

train().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
