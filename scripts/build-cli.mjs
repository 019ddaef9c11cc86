// Builds the `keyturn` CLI for plain Node 20: src/cli/main.ts bundled by esbuild into one
// CommonJS file, out/cli/keyturn.cjs, and its V8 code cache, out/cli/keyturn.cjs.cache, trained
// by running one real `keyturn get` (see bin/load-cli.cjs for how both are loaded).
//
// Each file is replaced by rename, so a `keyturn` already running reads a whole old or a whole
// new file; between the two renames the cache's hash does not match and is simply not used.
//
// Also imported by bench/cli.bench.ts, which builds its bench-only entry the same way.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { appPathBuildOptions, cliBuildOptions } from './cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function replaceFile(path, contents) {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, path);
}

/** Runs `node launcher ...args`; throws with the command's stderr (never its stdout) on failure. */
function cli(launcher, args, env, input = '') {
  const result = spawnSync(process.execPath, [launcher, ...args], { env, input, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`code-cache training: keyturn ${args[0]} failed (${result.status}): ${result.stderr.trim()}`);
  }
}

/**
 * The training run: a throwaway vault (random password, one random token) made through the CLI,
 * then `keyturn get` in a fresh process (scripts/train-cli-cache.cjs) that writes the cache.
 * Only bytecode is cached, never values the run handled (test/cli/code-cache.test.ts checks).
 */
export function trainCodeCache(bundle, launcher, { password, secret } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'keyturn-cache-train-'));
  try {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KEYTURN_')));
    env.KEYTURN_VAULT = join(dir, 'vault.db');
    env.KEYTURN_PASSWORD = password ?? randomBytes(18).toString('base64url');
    cli(launcher, ['init', '--kdf', 'floor'], env);
    cli(launcher, ['tenant', 'add', 'acme'], env);
    cli(launcher, ['env', 'add', 'acme/production', '--kind', 'production'], env);
    cli(
      launcher,
      ['add', 'acme/production/api', '--provider', 'manual'],
      env,
      `${secret ?? randomBytes(24).toString('base64url')}\n`,
    );
    const trained = spawnSync(
      process.execPath,
      [join(root, 'scripts', 'train-cli-cache.cjs'), bundle, launcher, 'get', 'acme/production/api'],
      { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
    );
    if (trained.status !== 0) throw new Error(`code-cache training failed: ${trained.stderr.trim()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A launcher for a bundle built elsewhere than out/cli (the bench's, a test's copy): the same
 * two lines as bin/keyturn.cjs, pointing at `dir/keyturn.cjs`. Returns its path.
 */
export function writeLauncher(dir) {
  const launcher = join(dir, 'keyturn-launch.cjs');
  const loader = JSON.stringify(join(root, 'bin', 'load-cli.cjs'));
  writeFileSync(
    launcher,
    `'use strict';\nrequire(${loader}).launch(require('node:path').join(__dirname, 'keyturn.cjs'), __filename);\n`,
  );
  return launcher;
}

/** Bundles the launcher's fast path (src/cli/app-get.ts) into `outdir/keyturn-app.cjs`. */
export async function buildAppPath(outdir) {
  const result = await build({ ...appPathBuildOptions(join(root, 'src', 'cli', 'app-get.ts'), outdir), write: false });
  mkdirSync(outdir, { recursive: true });
  for (const file of result.outputFiles) {
    if (/\bimport\(/.test(file.text)) throw new Error(`${file.path}: dynamic import() left in the bundle`);
    replaceFile(file.path, file.contents);
  }
}

/**
 * Bundles `entry` into `outdir/keyturn.cjs` and trains its cache, started through `launcher`
 * (a script that calls load-cli's launch() for that bundle; bin/keyturn.cjs for the shipped one).
 */
export async function buildCli({ entry, outdir, launcher, training }) {
  const result = await build({ ...cliBuildOptions(entry, outdir), write: false });
  mkdirSync(outdir, { recursive: true });
  const bundle = join(outdir, 'keyturn.cjs');
  for (const file of result.outputFiles) {
    // bin/load-cli.cjs runs the bundle as a vm.Script, where an `import()` has no loader and fails
    // at run time; esbuild keeps one for a dynamically imported builtin or external.
    if (/\bimport\(/.test(file.text))
      throw new Error(`${file.path}: dynamic import() left in the bundle; use a static import`);
    replaceFile(file.path, file.contents);
  }
  trainCodeCache(bundle, launcher, training);
  return bundle;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outdir = join(root, 'out', 'cli');
  // The ES-module layout of earlier builds (keyturn.mjs and lazily loaded chunks) is gone.
  rmSync(join(outdir, 'chunks'), { recursive: true, force: true });
  rmSync(join(outdir, 'keyturn.mjs'), { force: true });
  await buildAppPath(outdir);
  await buildCli({ entry: join(root, 'src', 'cli', 'main.ts'), outdir, launcher: join(root, 'bin', 'keyturn.cjs') });
  console.log('built out/cli/keyturn.cjs and its code cache, and out/cli/keyturn-app.cjs');
}
