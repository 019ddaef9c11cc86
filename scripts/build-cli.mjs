// Bundles the `keyturn` CLI (src/cli/main.ts) into out/cli/ for plain Node 20: ESM, natives
// external, rarely used commands in lazily loaded chunks so `keyturn get` starts fast.
// Files are replaced by rename, and chunks (content-hashed) of earlier builds are kept for a
// while, so a `keyturn` already running while this rebuilds never loads half a file.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliBuildOptions } from './cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'out', 'cli');
const STALE_CHUNK_MS = 10 * 60 * 1000;

const result = await build({ ...cliBuildOptions(join(root, 'src', 'cli', 'main.ts'), outdir), write: false });

const written = new Set();
for (const file of result.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  const temp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temp, file.contents);
  renameSync(temp, file.path);
  written.add(file.path);
}

const chunks = join(outdir, 'chunks');
for (const name of readdirSync(chunks)) {
  const path = join(chunks, name);
  if (!written.has(path) && Date.now() - statSync(path).mtimeMs > STALE_CHUNK_MS) rmSync(path, { force: true });
}
console.log('built out/cli/keyturn.mjs');
