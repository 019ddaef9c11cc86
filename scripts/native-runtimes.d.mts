/** Addons compiled against one runtime's ABI: the only ones rebuilt for Electron. */
export const PER_RUNTIME_MODULES: readonly string[];
/** Where each Electron build lives, relative to the repository. */
export const STAGING: { readonly app: string; readonly dev: string };
export function readJson(path: string): unknown;
export function electronVersion(root: string): string;
export function productionPackageDirs(root: string): string[];
export function copyProductionModules(root: string, dest: string): void;
export function addonPath(appDir: string, name?: string): string;
export function fileDigest(path: string): string;
/** Loads better-sqlite3 from `appDir` in a child Node; returns that Node's ABI (process.versions.modules). */
export function assertLoadsUnderNode(appDir: string): string;
export function rebuildForElectron(appDir: string, options: { electronVersion: string; arch?: string }): Promise<void>;
export function hasElectronBuild(appDir: string, version: string, arch?: string): boolean;
export function resetDir(dir: string, root: string): void;
