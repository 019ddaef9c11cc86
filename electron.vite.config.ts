import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Native modules stay outside the bundle and are unpacked from asar at packaging.
const NATIVE = ['better-sqlite3', '@node-rs/argon2'];

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: { include: NATIVE },
      rollupOptions: {
        input: { index: 'src/main/electron/launch.ts' },
        external: NATIVE,
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads can only require('electron'): bundle everything else, as CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: 'src/preload/index.ts' },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: 'src/renderer/index.html' } },
    },
  },
});
