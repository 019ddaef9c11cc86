/** Builds src/renderer into `outDir` with Vite, as the browser tests serve it. */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

export async function buildRenderer(outDir: string): Promise<void> {
  await build({
    root: resolve('src/renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}
