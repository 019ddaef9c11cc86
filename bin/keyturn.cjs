#!/usr/bin/env -S node --
'use strict';
// The `keyturn` command: the bundle built by `npm run build:cli` (runs on `npm install`),
// loaded with its V8 code cache (see load-cli.cjs).
//
// The shebang ends Node's own options with `--`. Node 20 reads an `--env-file FILE` anywhere on
// its command line, even after the script, and applies a NODE_OPTIONS line from that file
// (`--require ./evil.cjs`) inside this process, which holds the master password. After `--`
// Node reads none of the user's arguments (test/cli/launcher.test.ts).
//
// `keyturn get` first tries the running app through a small bundle of its own
// (out/cli/keyturn-app.cjs, src/cli/app-get.ts), so asking the app does not load the whole CLI;
// it answers null when it is not its case (no app, other options) and the full CLI runs.
const { join } = require('node:path');

const out = join(__dirname, '..', 'out', 'cli');
const full = () => require('./load-cli.cjs').launch(join(out, 'keyturn.cjs'), __filename);

function viaApp() {
  if (!process.argv.includes('get')) return null;
  try {
    return require(join(out, 'keyturn-app.cjs')).getViaApp(process.argv.slice(2));
  } catch {
    return null; // an older build without it: the full CLI does everything
  }
}

const asked = viaApp();
if (asked === null) full();
else
  asked.then((code) => {
    if (code === null) full();
    else process.exitCode = code;
  });
