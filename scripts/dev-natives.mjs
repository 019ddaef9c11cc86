// `npm run dev` runs this first: builds better-sqlite3 for the installed Electron in
// build/electron-dev (a copy of the production node_modules), once per Electron and module
// version. electron.vite.config.ts points the dev main bundle's import of better-sqlite3 there;
// the repository's node_modules keep the Node build for the CLI and the tests.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  STAGING,
  copyProductionModules,
  electronVersion,
  hasElectronBuild,
  readJson,
  rebuildForElectron,
  resetDir,
} from './native-runtimes.mjs';
import { writeFileSync } from 'node:fs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dest = join(root, STAGING.dev);
const version = electronVersion(root);

if (hasElectronBuild(dest, version)) {
  console.log(`dev-natives: better-sqlite3 for Electron ${version} is up to date in ${STAGING.dev}`);
} else {
  resetDir(dest, root);
  const { dependencies } = readJson(join(root, 'package.json'));
  writeFileSync(join(dest, 'package.json'), `${JSON.stringify({ private: true, dependencies }, null, 2)}\n`);
  copyProductionModules(root, dest);
  try {
    await rebuildForElectron(dest, { electronVersion: version });
  } catch (cause) {
    console.error(
      `dev-natives: could not build better-sqlite3 for Electron ${version} (it needs Electron's headers or a prebuilt binary from the network): ${cause.message}`,
    );
    process.exit(1);
  }
  console.log(`dev-natives: built better-sqlite3 for Electron ${version} in ${STAGING.dev}`);
}
