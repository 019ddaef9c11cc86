#!/usr/bin/env -S node --
'use strict';
// The `keyturn` command: the bundle built by `npm run build:cli` (runs on `npm install`),
// loaded with its V8 code cache (see load-cli.cjs).
//
// The shebang ends Node's own options with `--`. Node 20 reads an `--env-file FILE` anywhere on
// its command line, even after the script, and applies a NODE_OPTIONS line from that file
// (`--require ./evil.cjs`) inside this process, which holds the master password. After `--`
// Node reads none of the user's arguments (test/cli/launcher.test.ts).
const { join } = require('node:path');
const { launch } = require('./load-cli.cjs');

launch(join(__dirname, '..', 'out', 'cli', 'keyturn.cjs'), __filename);
