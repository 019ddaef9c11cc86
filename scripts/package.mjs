// `npm run package[:os] -- [electron-builder options]`: stage build/app, let electron-builder
// package it (rebuilding its native addons for Electron there, not in the repository), then check
// that the repository's Node build of better-sqlite3 is byte-for-byte untouched and still loads,
// so the CLI and the tests keep working. Exits non-zero if packaging or the check fails.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonPath, assertLoadsUnderNode, fileDigest } from './native-runtimes.mjs';
import { stageApp } from './stage-app.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const nodeBuild = addonPath(root);
const before = fileDigest(nodeBuild);

stageApp(root);
const builder = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'electron-builder', 'cli.js'),
    '--config',
    'electron-builder.yml',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);

let checked = true;
if (fileDigest(nodeBuild) !== before) {
  console.error(`package: ${nodeBuild} changed during packaging: the Node build was overwritten`);
  checked = false;
}
try {
  console.log(`package: the Node build of better-sqlite3 still loads (ABI ${assertLoadsUnderNode(root)})`);
} catch (cause) {
  console.error(`package: the Node build of better-sqlite3 no longer loads: ${cause.message}`);
  checked = false;
}
process.exit(builder.status === 0 && checked ? 0 : (builder.status ?? 1) || 1);
