// Native addons for two runtimes (docs/native-modules.md). better-sqlite3 is built against one
// runtime's ABI (not N-API): the repository's node_modules holds the Node build (the CLI, vitest,
// the benches), and every Electron build lives in a staging folder of its own, never in place.
// @node-rs/argon2 is N-API (ABI-stable) and runs unchanged in both.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Addons compiled against one runtime's ABI: the only ones rebuilt for Electron. */
export const PER_RUNTIME_MODULES = ['better-sqlite3'];

/** Where each Electron build lives, relative to the repository. */
export const STAGING = {
  /** electron-builder's app folder (directories.app): what the packaged app is made from. */
  app: join('build', 'app'),
  /** `npm run dev`'s Electron build of the per-runtime modules (electron.vite.config.ts imports it). */
  dev: join('build', 'electron-dev'),
};

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The installed Electron's version (what `npm run dev` runs and electron-builder packages). */
export function electronVersion(root) {
  return readJson(join(root, 'node_modules', 'electron', 'package.json')).version;
}

/** Every installed package the app needs at run time (npm's view, hoisting kept), as folders. */
export function productionPackageDirs(root) {
  const out = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' });
  const dirs = out.split('\n').filter((line) => line !== '' && resolve(line) !== resolve(root));
  return [...new Set(dirs)];
}

/**
 * Copies those packages into `dest/node_modules` at the same relative places. Real copies, never
 * links: a rebuild in the copy must not reach the repository's files.
 */
export function copyProductionModules(root, dest) {
  for (const dir of productionPackageDirs(root)) {
    const target = join(dest, relative(root, dir));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(dir, target, {
      recursive: true,
      dereference: true,
      // Nested node_modules are packages of their own in npm's list, copied on their own turn.
      filter: (source) => source === dir || !relative(dir, source).split(sep).includes('node_modules'),
    });
  }
}

/** The compiled addon of a per-runtime module inside a node_modules folder's parent. */
export function addonPath(appDir, name = 'better-sqlite3') {
  return join(appDir, 'node_modules', name, 'build', 'Release', `${name.replace(/-/g, '_')}.node`);
}

export function fileDigest(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Loads better-sqlite3 from `appDir` in a child Node and opens an in-memory database; throws if it cannot. */
export function assertLoadsUnderNode(appDir) {
  const script = `const Database = require(${JSON.stringify(join(appDir, 'node_modules', 'better-sqlite3'))});
new Database(':memory:').prepare('select 1').get();
process.stdout.write(process.versions.modules);`;
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Rebuilds the per-runtime modules in `appDir` for Electron (headers or prebuilt binaries come from
 * the network: a developer machine or the release workflow). Records what it built in a stamp file
 * so the next `npm run dev` skips the work.
 */
export async function rebuildForElectron(appDir, { electronVersion: version, arch = process.arch }) {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: appDir, electronVersion: version, arch, onlyModules: PER_RUNTIME_MODULES, force: true });
  writeFileSync(join(appDir, 'electron-build.json'), `${JSON.stringify(stampFor(appDir, version, arch), null, 2)}\n`);
}

/** True when `appDir` holds an Electron build for this version, arch and these module versions. */
export function hasElectronBuild(appDir, version, arch = process.arch) {
  const stampPath = join(appDir, 'electron-build.json');
  if (!existsSync(stampPath) || !existsSync(addonPath(appDir))) return false;
  return JSON.stringify(readJson(stampPath)) === JSON.stringify(stampFor(appDir, version, arch));
}

function stampFor(appDir, version, arch) {
  const modules = Object.fromEntries(
    PER_RUNTIME_MODULES.map((name) => [name, readJson(join(appDir, 'node_modules', name, 'package.json')).version]),
  );
  return { electron: version, platform: process.platform, arch, modules };
}

/** Empties a staging folder; never the repository or a folder holding it. */
export function resetDir(dir, root) {
  const back = relative(dir, root);
  if (back === '' || !back.startsWith('..')) throw new Error(`refusing to empty ${dir}: it holds the repository`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}
