/** Values the training run uses instead of random ones (tests check none reaches the cache). */
export interface TrainingValues {
  readonly password?: string;
  readonly secret?: string;
}

/** Trains `${bundle}.cache` by one `keyturn get` started through `launcher` (see build-cli.mjs). */
export function trainCodeCache(bundle: string, launcher: string, values?: TrainingValues): void;

/** Bundles `entry` into `outdir/keyturn.cjs` and trains its code cache; returns the bundle's path. */
export function buildCli(options: {
  readonly entry: string;
  readonly outdir: string;
  readonly launcher: string;
  readonly training?: TrainingValues;
}): Promise<string>;

/** Writes `dir/keyturn-launch.cjs`, which starts `dir/keyturn.cjs` as bin/keyturn.cjs starts the shipped bundle. */
export function writeLauncher(dir: string): string;

/** Bundles the launcher's fast path (src/cli/app-get.ts) into `outdir/keyturn-app.cjs`. */
export function buildAppPath(outdir: string): Promise<void>;
