// Bundles the `keyturn` CLI (src/cli/main.ts) into out/cli/ for plain Node 20: ESM, natives
// external, rarely used commands in lazily loaded chunks so `keyturn get` starts fast.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'out', 'cli');

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { keyturn: join(root, 'src', 'cli', 'main.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  external: ['better-sqlite3', '@node-rs/argon2', 'electron'],
  banner: {
    js: "import { createRequire as __keyturnCreateRequire } from 'node:module'; const require = __keyturnCreateRequire(import.meta.url);",
  },
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
console.log('built out/cli/keyturn.mjs');
