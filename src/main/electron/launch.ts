/**
 * The main process's entry point (electron-vite builds it as out/main/index.js): the composition
 * root, given the real Electron module and this process's host. tsc checks here that Electron's
 * objects fit the ElectronApi the root is written against.
 */
import * as electron from 'electron';
import { launchMain } from '../index';
import { dbusScreenSaverBus } from './dbus-screen-lock';

void launchMain(electron, {
  platform: process.platform,
  env: { KEYTURN_VAULT: process.env['KEYTURN_VAULT'], ELECTRON_RENDERER_URL: process.env['ELECTRON_RENDERER_URL'] },
  screenSaverBus: process.platform === 'linux' ? dbusScreenSaverBus() : null,
  log: (message) => console.error(message),
});
