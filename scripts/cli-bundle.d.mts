import type { BuildOptions } from 'esbuild';

/** esbuild options for the `keyturn` bundle (see cli-bundle.mjs). */
export function cliBuildOptions(entry: string, outdir: string): BuildOptions;
