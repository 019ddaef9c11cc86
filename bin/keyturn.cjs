#!/usr/bin/env node
'use strict';
// The `keyturn` command: the bundle built by `npm run build:cli` (runs on `npm install`),
// loaded with its V8 code cache (see load-cli.cjs).
const { join } = require('node:path');
const { launch } = require('./load-cli.cjs');

launch(join(__dirname, '..', 'out', 'cli', 'keyturn.cjs'), __filename);
