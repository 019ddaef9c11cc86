/**
 * Keyturn's composition root, top to bottom: before `ready` the app:// scheme, one instance and
 * the app's events; then the vault's paths, the services, IPC for the window's actions, the
 * background work, the app link for `keyturn` commands, the locks (idle, suspend, screen, quit),
 * the tray and the window.
 *
 * It is a function of Electron's objects and the host, never an import of 'electron', so a test
 * builds the whole main process with fakes of Electron only; src/main/electron/launch.ts passes
 * the real ones.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  createApiHandlers,
  createCallerHandlers,
  createSessionState,
  createWindowEvents,
  type AppContext,
} from './api';
import { leadTimesOf } from './api/window-settings';
import { systemClock } from './api/ports';
import { tellSchedulerEvent } from './api/scheduler-notices';
import { trayTokens } from './api/tray-tokens';
import { endpointPlace } from './app-link/endpoint-address';
import { startAppLink, type AppLink } from './app-link/endpoint';
import { APP_SCHEME, RENDERER_URL, registerAppScheme, serveRenderer } from './electron/app-protocol';
import { appPaths, type PathEnv } from './electron/app-paths';
import { startAppTray } from './electron/app-tray';
import { reopeningSummary, startBackgroundWork } from './electron/background';
import { createCliApprovals } from './electron/cli-approvals';
import { createAppliedSettings } from './electron/applied-settings';
import { createSecretClipboard } from './electron/clipboard';
import { createDeviceKeyStore, unlockAtStart } from './electron/device-unlock';
import type { ElectronApi } from './electron/electron-api';
import { hardenWebContents } from './electron/harden';
import { startIdleLock } from './electron/idle-lock';
import { registerIpc } from './electron/ipc';
import { createSenderCheck } from './electron/ipc-binding';
import { createDeviceUnlockPort } from './electron/device-unlock-port';
import { createKeychain } from './electron/keychain';
import { lockOnQuit } from './electron/quit';
import { watchScreenLock, type ScreenSaverBus } from './electron/screen-lock';
import { enforceSingleInstance } from './electron/single-instance';
import { openExternal, systemClipboard, systemNotifier } from './electron/system';
import { trayIconFor } from './electron/tray';
import { installCliCommandOnMac } from './electron/cli-host';
import { startUpdates } from './electron/updater';
import { createFileDialogs } from './electron/file-dialogs';
import { createSettingsEffects } from './electron/settings-effects';
import { createMainWindow, type MainWindow } from './electron/window';
import { forwardWindowEvents } from './electron/window-events';
import { ProviderClients } from './lifecycle/clients';
import { reconcile } from './lifecycle/reconcile';
import { KeyturnError } from '../shared/errors';
import { createVaultAsync, openVault } from './vault/index';

/** Windows matches toasts to the Start menu shortcut the installer made by this id (appId). */
export const APP_USER_MODEL_ID = 'app.keyturn.desktop';
/** Links in the UI may open only these hosts, in the user's browser. */
const EXTERNAL_HOSTS = ['github.com', 'keyturn.app'];

export interface MainHost {
  readonly platform: NodeJS.Platform;
  readonly env: PathEnv;
  /** Linux's session bus, for the screensaver's lock signal; null on other platforms. */
  readonly screenSaverBus: ScreenSaverBus | null;
  /** Problems worth a line in the log that stop nothing (no session bus, a later window's load). */
  readonly log: (message: string) => void;
}

/** Starts the app; a start-up failure is shown in a dialog, and the process exits non-zero. */
export function launchMain(electron: ElectronApi, host: MainHost): Promise<void> {
  return startMain(electron, host).catch((cause: unknown) => {
    electron.dialog.showErrorBox('Keyturn could not start', startupMessage(cause));
    electron.app.exit(1);
  });
}

export async function startMain(electron: ElectronApi, host: MainHost): Promise<void> {
  const { app } = electron;
  // Before `ready`, as Electron requires: the scheme, the lock and the app's events.
  registerAppScheme(electron.protocol);
  let window: MainWindow | null = null;
  if (!enforceSingleInstance(app, () => void window?.show())) return;
  if (host.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  const session = createSessionState();
  // The tray keeps running with the window closed; locking is what protects the secrets.
  app.on('window-all-closed', () => session.lock('user'));
  // macOS: clicking the Dock icon with no window open brings the window back.
  app.on('activate', () => void window?.show());
  await app.whenReady();

  const paths = appPaths(app, host.env);
  electron.protocol.handle(APP_SCHEME, serveRenderer(paths.renderer));
  const clock = systemClock();
  const notifier = systemNotifier(electron);
  // Session changes, lifecycle progress, scheduler events and vault changes, pushed to the window.
  const events = createWindowEvents();
  // The theme and the global shortcut (off by default: it opens the window into the command palette).
  const settingsEffects = createSettingsEffects({
    globalShortcut: electron.globalShortcut,
    nativeTheme: electron.nativeTheme,
    onShortcut: () => void window?.show().then(() => events.emit('palette:open', {})),
  });
  // Every setting as last read from the vault: each use reads it again, so a change applies at once.
  const settings = createAppliedSettings({ session, effects: settingsEffects, log: host.log });
  const clipboard = createSecretClipboard(systemClipboard(electron, host.platform), clock, {
    clearAfterMs: () => settings.current().clipboardClearSeconds * 1000,
  });
  const keychain = createKeychain(electron.safeStorage, host.platform);
  const deviceKeys = createDeviceKeyStore(paths.deviceKey);
  // Terminals asking through the app link wait here for the user's answer in the window.
  const cliApprovals = createCliApprovals({
    clock,
    notifier: settings.notifierFor('cli-approval', notifier),
    events,
    window: () => window,
  });
  const context: AppContext = {
    vaultPath: paths.vault,
    vaults: { createVaultAsync, openVault },
    session,
    clock,
    clipboard,
    notifier,
    events,
    deviceUnlock: createDeviceUnlockPort(keychain, deviceKeys),
    settingsEffects,
    fileDialogs: createFileDialogs(electron.dialog),
    cliApprovals,
  };
  const handlers = createApiHandlers(context);
  forwardWindowEvents(events, () => window?.contents() ?? null);
  const openFile = () => (existsSync(paths.vault) ? openVault(paths.vault) : null);

  const rendererUrl = paths.devServer ?? RENDERER_URL;
  const mainWindow = createMainWindow({
    create: (options) => new electron.BrowserWindow(options),
    harden: (contents) =>
      hardenWebContents(contents, { externalHosts: EXTERNAL_HOSTS, openExternal: openExternal(electron) }),
    settings: { preloadPath: paths.preload, isPackaged: app.isPackaged },
    url: rendererUrl,
    loadFailed: (cause) => host.log(`The window's page did not load: ${startupMessage(cause)}`),
  });
  window = mainWindow;
  registerIpc(electron.ipcMain, handlers, createSenderCheck({ webContentsId: mainWindow.webContentsId, rendererUrl }));

  // Rotations, refreshes and reminders: reconcile after each unlock, then the scheduler; a count of
  // expiring tokens from plaintext columns while locked; OS notifications for what the user must know.
  const background = startBackgroundWork({
    session,
    clock,
    monotonicNow: () => performance.now(),
    notifier,
    power: electron.powerMonitor,
    clientsFor: (vault) => new ProviderClients(vault, { now: () => clock.now() }),
    reconcile: (vault, clients) => reconcile(vault, clients, { now: () => clock.now(), actor: 'scheduler' }),
    lockedSummary: () => reopeningSummary(openFile),
    onEvent: (event) => tellSchedulerEvent(events, event),
    notifies: (kind) => settings.current().notifications[kind],
    leadTimes: () => leadTimesOf(settings.current()),
  });
  // New reminder lead times re-plan the reminders at once.
  events.subscribe((event) => {
    if (event.name === 'vault:changed' && event.payload.scope === 'settings') background.scheduler.wake();
  });
  // `keyturn` commands ask the running app (get, run, env): answered while unlocked and approved,
  // "locked" at once while locked. Without it (a path too long, a folder not ours, a Windows pipe
  // that could not be made private) they unlock themselves. It starts beside the window, not
  // before it: on Windows making the pipe private runs PowerShell, which takes about a second.
  const appLinkStarting: Promise<AppLink | null> = startAppLink({
    place: endpointPlace(app.getPath('userData'), host.platform),
    platform: host.platform,
    context,
    approver: cliApprovals,
    log: host.log,
  }).catch((cause: unknown) => {
    host.log(`No app link for keyturn commands: ${startupMessage(cause)}`);
    return null;
  });
  const stopIdleLock = startIdleLock({
    power: electron.powerMonitor,
    clock,
    lock: (reason) => session.lock(reason),
    idleMinutes: () => settings.current().lockIdleMinutes,
    lockOnSleep: () => settings.current().lockOnSleep,
    lockOnScreenLock: () => settings.current().lockOnScreenLock,
  });
  const stopScreenLock =
    host.screenSaverBus === null
      ? () => undefined
      : watchScreenLock({
          bus: host.screenSaverBus,
          lock: (reason) => {
            if (settings.current().lockOnScreenLock) session.lock(reason);
          },
          unavailable: (cause) => host.log(`No session bus, so no lock on screen lock: ${startupMessage(cause)}`),
        });
  lockOnQuit({
    app,
    power: electron.powerMonitor,
    clock,
    lock: () => session.lock('user'),
    clearClipboard: () => clipboard.clearIfOurs(),
    stop: () => {
      background.stop();
      stopIdleLock();
      stopScreenLock();
      settings.stop();
      settingsEffects.setGlobalShortcut(null);
      void appLinkStarting.then((appLink) => appLink?.close());
    },
  });

  await startAppTray({
    electron,
    resourcesDir: paths.resources,
    iconFile: trayIconFor(host.platform),
    // The tray's copies are audited as the tray's.
    handlers: createCallerHandlers(context, 'tray'),
    trayTokens: (pinnedIds, recentLimit) => trayTokens(context, pinnedIds, recentLimit),
    session,
    keychain,
    deviceKeys,
    notifier,
    openWindow: () => void mainWindow.show(),
    events,
    quit: () => app.quit(),
    installCli: host.platform === 'darwin' && app.isPackaged ? installCliCommandOnMac : undefined,
  });

  // Packaged builds look for updates; a restart installs one only while no rotation is open.
  await startUpdates({
    isPackaged: app.isPackaged,
    clock,
    electron,
    env: { KEYTURN_UPDATES: host.env.KEYTURN_UPDATES },
    log: host.log,
    openJournals: () => {
      const current = session.current();
      return current.state === 'unlocked' ? current.vault.listJournal({ unfinishedOnly: true }).length : 'unknown';
    },
  });

  // On this machine, with device unlock on, the OS keychain opens the vault; otherwise the password.
  await unlockAtStart({
    open: openFile,
    keychain,
    store: deviceKeys,
    unlocked: (vault, file) => session.unlocked(vault, file),
  });
  await mainWindow.show();
}

/** A sentence for the start-up dialog: Keyturn's own message, else the error's. */
function startupMessage(cause: unknown): string {
  if (cause instanceof KeyturnError) return cause.message;
  return cause instanceof Error ? cause.message : String(cause);
}
