/**
 * Builds src/renderer into `outDir` with Vite as the app ships it: a production build (React's
 * production runtime, minified), made in a child process because vitest sets NODE_ENV=test, which
 * would otherwise give the tests React's development build and hide production-only faults.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const BUILD = `
import react from '@vitejs/plugin-react';
import { build } from 'vite';
const [root, outDir] = process.argv.slice(1);
await build({ root, base: './', mode: 'production', plugins: [react()], logLevel: 'error', build: { outDir, emptyOutDir: true } });
`;

export async function buildRenderer(outDir: string): Promise<void> {
  const env = { ...process.env, NODE_ENV: 'production' };
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', BUILD, resolve('src/renderer'), outDir], {
    env,
    cwd: resolve('.'),
    maxBuffer: 16 * 1024 * 1024,
  });
}
