/**
 * The main process's entry point (electron-vite builds it as out/main/index.js): the composition
 * root, given the real Electron module and this process's host. tsc checks here that Electron's
 * objects fit the ElectronApi the root is written against.
 */
import * as electron from 'electron';
import { launchMain } from '../index';
import { runCliLaunch } from './cli-host';
import { dbusScreenSaverBus } from './dbus-screen-lock';

async function launch(): Promise<void> {
  // An installed `keyturn` command runs through this binary (cli-launch.ts): no window, no lock.
  if (await runCliLaunch(electron.app, process.argv, process.defaultApp === true)) return;
  await launchMain(electron, {
    platform: process.platform,
    env: {
      KEYTURN_VAULT: process.env['KEYTURN_VAULT'],
      ELECTRON_RENDERER_URL: process.env['ELECTRON_RENDERER_URL'],
      KEYTURN_UPDATES: process.env['KEYTURN_UPDATES'],
    },
    screenSaverBus: process.platform === 'linux' ? dbusScreenSaverBus() : null,
    log: (message) => console.error(message),
  });
}

void launch();
