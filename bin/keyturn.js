#!/usr/bin/env node
// The `keyturn` command: the bundle built by `npm run build:cli` (runs on `npm install`).
import '../out/cli/keyturn.mjs';
