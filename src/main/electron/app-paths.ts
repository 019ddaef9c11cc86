/**
 * Every path the app computes, from Electron's app path (the folder holding package.json: the
 * repository in development, app.asar when packaged) and its userData folder. The files under
 * out/ are what `electron-vite build` writes; test/main/electron/main-process.test.ts checks them.
 */
import { join } from 'node:path';
import type { AppLike } from './electron-api';
import { DEVICE_KEY_FILE_NAME } from './device-unlock';

export interface AppPaths {
  readonly vault: string;
  readonly deviceKey: string;
  readonly preload: string;
  /** The built renderer folder served as app://keyturn/. */
  readonly renderer: string;
  readonly resources: string;
  /** electron-vite's dev server, in development only; null means app://keyturn/. */
  readonly devServer: string | null;
}

export interface PathEnv {
  readonly KEYTURN_VAULT?: string;
  readonly ELECTRON_RENDERER_URL?: string;
  /** `off` turns automatic updates off (managed machines, the release smoke test). */
  readonly KEYTURN_UPDATES?: string;
}

export function appPaths(app: Pick<AppLike, 'getAppPath' | 'getPath' | 'isPackaged'>, env: PathEnv): AppPaths {
  const root = app.getAppPath();
  const userData = app.getPath('userData');
  const devServer = env.ELECTRON_RENDERER_URL;
  return {
    vault: env.KEYTURN_VAULT ?? join(userData, 'vault.db'),
    deviceKey: join(userData, DEVICE_KEY_FILE_NAME),
    preload: join(root, 'out', 'preload', 'index.cjs'),
    renderer: join(root, 'out', 'renderer'),
    resources: join(root, 'resources'),
    // A packaged app never loads a URL from its environment.
    devServer: !app.isPackaged && devServer !== undefined && devServer !== '' ? devServer : null,
  };
}
