/**
 * The built renderer, once per source state: test files running in parallel share one Vite build
 * in node_modules/.cache, keyed by the build mode and a hash of src/renderer and src/shared. A build goes to a
 * temporary folder and is renamed into place, so a half-written build is never served.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildRenderer } from './renderer-build';

const SOURCES = ['src/renderer', 'src/shared', 'src/preload/api.ts', 'package-lock.json'];
const CACHE = resolve('node_modules/.cache/keyturn-renderer');

function hashInto(hash: ReturnType<typeof createHash>, path: string): void {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) hashInto(hash, join(path, name));
  } else hash.update(path).update(readFileSync(path));
}

export async function builtRenderer(): Promise<string> {
  const hash = createHash('sha256');
  hash.update('production build');
  for (const source of SOURCES) hashInto(hash, resolve(source));
  const dir = join(CACHE, hash.digest('hex').slice(0, 16));
  if (existsSync(join(dir, 'index.html'))) return dir;
  mkdirSync(CACHE, { recursive: true });
  const building = `${dir}.${process.pid}.tmp`;
  await buildRenderer(building);
  try {
    renameSync(building, dir);
  } catch {
    // Another test file finished the same build first: use theirs.
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}
