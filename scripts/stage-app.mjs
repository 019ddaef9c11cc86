// The packaged app's own folder (electron-builder's directories.app, build/app): its package.json,
// the built out/ folders, the resources it loads, and real copies of its production node_modules.
// electron-builder rebuilds the native addons for Electron in here (npmRebuild), so the
// repository's node_modules keep their Node builds. Usage: node scripts/stage-app.mjs
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAGING, copyProductionModules, readJson, resetDir } from './native-runtimes.mjs';

const BUILT = ['out/main', 'out/preload', 'out/renderer'];

export function stageApp(root, dest = join(root, STAGING.app)) {
  resetDir(dest, root);
  const pkg = readJson(join(root, 'package.json'));
  const staged = {
    name: pkg.name,
    productName: pkg.productName,
    version: pkg.version,
    description: pkg.description,
    author: pkg.author,
    homepage: pkg.homepage,
    repository: pkg.repository,
    private: true,
    type: pkg.type,
    main: pkg.main,
    dependencies: pkg.dependencies,
  };
  writeFileSync(join(dest, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);
  for (const dir of BUILT) cpSync(join(root, dir), join(dest, dir), { recursive: true });
  mkdirSync(join(dest, 'resources'), { recursive: true });
  for (const file of readdirSync(join(root, 'resources')).filter((name) => name.endsWith('.png'))) {
    cpSync(join(root, 'resources', file), join(dest, 'resources', file));
  }
  copyProductionModules(root, dest);
  return dest;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  console.log(`staged the app in ${stageApp(root)}`);
}
