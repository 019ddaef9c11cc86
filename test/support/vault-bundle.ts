/**
 * Bundles a TypeScript child-process script once with esbuild, so each child starts with plain
 * `node` instead of `node --import tsx`: a tsx start costs about a second of CPU on this machine
 * (tests that start dozens of children) and its loader's own memory (the bench's memory child).
 * Native and heavy dependencies stay external; the bundle is written under node_modules/.cache
 * so node resolves them from the project's node_modules.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));
const EXTERNAL = ['better-sqlite3', '@node-rs/argon2'];

/**
 * Returns the path of `<cache>/keyturn-<name>.mjs`, built from `entry` (an absolute path).
 * `external` adds packages to leave out (CommonJS ones that `require` Node's modules, which an
 * ESM bundle cannot).
 */
export async function bundleForNode(
  entry: string,
  name: string,
  { external = [] }: { readonly external?: readonly string[] } = {},
): Promise<string> {
  const outfile = join(CACHE_DIR, `keyturn-${name}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: [...EXTERNAL, ...external],
    logLevel: 'warning',
  });
  return outfile;
}
