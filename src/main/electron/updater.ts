/**
 * Auto-update from GitHub Releases (electron-builder.yml `publish`) with electron-updater: the
 * thin Electron edge of update-policy.ts, which decides when to look and when to install.
 *
 * Updates download in the background and install only when the user restarts from the notice
 * (autoInstallOnAppQuit stays off: on macOS Squirrel would otherwise install on any quit, with a
 * rotation journal open or not).
 */
import type { AppUpdater } from 'electron-updater';
import type { Clock } from '../api/ports';
import type { ElectronApi } from './electron-api';
import {
  shouldRunUpdates,
  startUpdateSchedule,
  type OpenJournals,
  type Updates,
  type UpdaterPort,
} from './update-policy';

export interface StartUpdatesDeps {
  /** electronApp.isPackaged: an unpackaged (dev) app never updates itself. */
  readonly isPackaged: boolean;
  readonly clock: Clock;
  /**
   * Unfinished rotation journal entries: `vault.listJournal({ unfinishedOnly: true }).length`
   * while unlocked; 'unknown' while locked (the count is not readable then), which defers a
   * restart until the vault is unlocked and no rotation is open.
   */
  readonly openJournals: () => OpenJournals;
  readonly electron: Pick<ElectronApi, 'Notification'>;
  /** electron-updater's autoUpdater, loaded only where updates run (never in dev or tests). */
  readonly loadUpdater?: () => Promise<AppUpdater>;
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
}

async function loadAutoUpdater(): Promise<AppUpdater> {
  const { default: electronUpdater } = await import('electron-updater');
  return electronUpdater.autoUpdater;
}

/** Starts looking for updates; null when updates do not run here. Call once, after ready. */
export async function startUpdates(deps: StartUpdatesDeps): Promise<Updates | null> {
  if (!shouldRunUpdates(deps.isPackaged, deps.env ?? process.env)) return null;
  const log = deps.log ?? ((line: string) => console.warn(`[updates] ${line}`));
  const autoUpdater = await (deps.loadUpdater ?? loadAutoUpdater)();
  const { Notification } = deps.electron;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.logger = { info: () => undefined, debug: () => undefined, warn: log, error: log };

  const port: UpdaterPort = {
    checkForUpdates: async () => {
      await autoUpdater.checkForUpdates();
    },
    installAndRestart: () => autoUpdater.quitAndInstall(false, true),
    onUpdateReady: (listener) => autoUpdater.on('update-downloaded', (info) => listener(info.version)),
  };
  let updates: Updates | null = null;
  const show = (body: string, onClick?: () => void): void => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: 'Keyturn', body, silent: true });
    if (onClick !== undefined) notification.on('click', onClick);
    notification.show();
  };
  updates = startUpdateSchedule({
    clock: deps.clock,
    updater: port,
    openJournals: deps.openJournals,
    log,
    notice: {
      ready: (version) => show(`Keyturn ${version} is ready — restart to update`, () => updates?.restartRequested()),
      waiting: (version) => show(`Keyturn ${version} will install when the rotation in progress has finished`),
    },
  });
  return updates;
}
