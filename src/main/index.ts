/**
 * Keyturn's composition root, top to bottom: one instance, find the vault file, build the
 * services, register IPC, start the idle lock, create the tray and the window.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createApiHandlers, createSessionState, createWindowEvents, type AppContext, type SessionState } from './api';
import { systemClock } from './api/ports';
import { tellSchedulerEvent } from './api/scheduler-notices';
import { reopeningSummary, startBackgroundWork } from './electron/background';
import { DEFAULT_CLEAR_AFTER_MS, createSecretClipboard } from './electron/clipboard';
import { hardenWebContents } from './electron/harden';
import { DEFAULT_IDLE_MINUTES, startIdleLock } from './electron/idle-lock';
import { registerIpc } from './electron/ipc';
import { createSenderCheck } from './electron/ipc-binding';
import {
  DEVICE_KEY_FILE_NAME,
  createDeviceKeyStore,
  deviceUnlockState,
  disableDeviceUnlock,
  enableDeviceUnlock,
  unlockAtStart,
} from './electron/device-unlock';
import { createDeviceUnlockPort } from './electron/device-unlock-port';
import { createKeychain } from './electron/keychain';
import { enforceSingleInstance } from './electron/single-instance';
import {
  createBrowserWindow,
  createTray,
  electronApp,
  openExternal,
  systemClipboard,
  systemNotifier,
  systemPowerMonitor,
  systemResumeMonitor,
  systemSafeStorage,
} from './electron/system';
import { buildTrayMenu } from './electron/tray-menu';
import { createMainWindow, type RendererEntry } from './electron/window';
import { forwardWindowEvents } from './electron/window-events';
import { ProviderClients } from './lifecycle/clients';
import { reconcile } from './lifecycle/reconcile';
import { KeyturnError } from '../shared/errors';
import { createVaultAsync, openVault } from './vault/index';

/** Links in the UI may open only these hosts, in the user's browser. */
const EXTERNAL_HOSTS = ['github.com', 'keyturn.app'];
const PINNED_SETTING = 'tray.pinnedTokenIds';

type MainWindow = Awaited<ReturnType<typeof createMainWindow<ReturnType<typeof createBrowserWindow>>>>;

async function main(): Promise<void> {
  let window: MainWindow | null = null;
  let openWindow: () => void = () => undefined;
  if (!enforceSingleInstance(electronApp, () => openWindow())) return;
  await electronApp.whenReady();

  const vaultPath = process.env['KEYTURN_VAULT'] ?? join(electronApp.getPath('userData'), 'vault.db');
  const clock = systemClock();
  const session = createSessionState();
  const clipboard = createSecretClipboard(systemClipboard, clock, {
    clearAfterMs: () => numberSetting(session, 'clipboard.clearAfterSeconds', DEFAULT_CLEAR_AFTER_MS / 1000) * 1000,
  });
  const keychain = createKeychain(systemSafeStorage, process.platform);
  const deviceKeys = createDeviceKeyStore(join(electronApp.getPath('userData'), DEVICE_KEY_FILE_NAME));
  // Session changes, lifecycle progress, scheduler events and vault changes, pushed to the window.
  const events = createWindowEvents();
  const context: AppContext = {
    vaultPath,
    vaults: { createVaultAsync, openVault },
    session,
    clock,
    clipboard,
    notifier: systemNotifier,
    events,
    deviceUnlock: createDeviceUnlockPort(keychain, deviceKeys),
  };
  const handlers = createApiHandlers(context);
  forwardWindowEvents(events, () => window?.webContents ?? null);

  const entry = rendererEntry();
  registerIpc(
    handlers,
    createSenderCheck({
      webContentsId: () => window?.webContents.id ?? null,
      rendererUrl: entry.kind === 'url' ? entry.url : pathToFileURL(entry.path).href,
    }),
  );

  // Rotations, refreshes and reminders: reconcile after each unlock, then the scheduler; a count of
  // expiring tokens from plaintext columns while locked; OS notifications for what the user must know.
  startBackgroundWork({
    session,
    clock,
    monotonicNow: () => performance.now(),
    notifier: systemNotifier,
    power: systemResumeMonitor,
    clientsFor: (vault) => new ProviderClients(vault, { now: () => clock.now() }),
    reconcile: (vault, clients) => reconcile(vault, clients, { now: () => clock.now() }),
    lockedSummary: () => reopeningSummary(() => (existsSync(vaultPath) ? openVault(vaultPath) : null)),
    onEvent: (event) => tellSchedulerEvent(events, event),
  });

  startIdleLock({
    power: systemPowerMonitor,
    clock,
    lock: (reason) => session.lock(reason),
    idleMinutes: () => numberSetting(session, 'lock.idleMinutes', DEFAULT_IDLE_MINUTES),
  });

  const tray = createTray(join(electronApp.getAppPath(), 'resources', 'trayTemplate.png'), {
    copy: (tokenId) => void handlers['token:copy']({ tokenId }),
    act: (action) => {
      if (action === 'open') openWindow();
      else if (action === 'lock') session.lock('user');
      else if (action === 'device-unlock-on' || action === 'device-unlock-off')
        setDeviceUnlock(action === 'device-unlock-on');
      else electronApp.quit();
    },
  });
  const refreshTray = async (): Promise<void> => {
    const status = await handlers['vault:status']({});
    const current = session.current();
    const tokens = current.state === 'unlocked' ? await handlers['tokens:list']({}) : null;
    if (!status.ok) return;
    tray.update(
      buildTrayMenu({
        status: status.value,
        tokens: tokens?.ok === true ? tokens.value : [],
        pinnedIds: new Set(listSetting(session, PINNED_SETTING)),
        recentLimit: 8,
        deviceUnlock: current.state === 'unlocked' ? deviceUnlockState(current.vault, keychain) : undefined,
      }),
    );
  };
  const setDeviceUnlock = (on: boolean): void => {
    const current = session.current();
    if (current.state !== 'unlocked') return;
    try {
      if (on) enableDeviceUnlock(current.vault, keychain, deviceKeys);
      else disableDeviceUnlock(current.vault, deviceKeys);
    } catch (cause) {
      systemNotifier.notify(
        'Device unlock',
        cause instanceof KeyturnError ? cause.message : 'Device unlock could not be changed',
      );
    }
    void refreshTray();
  };
  session.onChange(() => void refreshTray());
  await refreshTray();

  // On this machine, with device unlock on, the OS keychain opens the vault; otherwise the password.
  unlockAtStart({
    open: () => (existsSync(vaultPath) ? openVault(vaultPath) : null),
    keychain,
    store: deviceKeys,
    unlocked: (vault, file) => session.unlocked(vault, file),
  });

  const showWindow = async (): Promise<void> => {
    if (window !== null && !window.isDestroyed()) {
      window.show();
      window.focus();
      return;
    }
    window = await createMainWindow({
      create: createBrowserWindow,
      harden: (contents) => hardenWebContents(contents, { externalHosts: EXTERNAL_HOSTS, openExternal }),
      settings: {
        preloadPath: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
        isPackaged: electronApp.isPackaged,
      },
      entry,
    });
    window.on('closed', () => (window = null));
  };
  openWindow = () => void showWindow();
  await showWindow();
  // The tray keeps running with the window closed; locking is what protects the secrets.
  electronApp.on('window-all-closed', () => session.lock('user'));
}

/** The built page, or electron-vite's dev server in development only. */
function rendererEntry(): RendererEntry {
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  if (!electronApp.isPackaged && devUrl !== undefined) return { kind: 'url', url: devUrl };
  return { kind: 'file', path: fileURLToPath(new URL('../renderer/index.html', import.meta.url)) };
}

function numberSetting(session: SessionState, key: string, fallback: number): number {
  const current = session.current();
  if (current.state !== 'unlocked') return fallback;
  const value = Number(current.vault.getSetting(key));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function listSetting(session: SessionState, key: string): string[] {
  const current = session.current();
  if (current.state !== 'unlocked') return [];
  return (current.vault.getSetting(key) ?? '').split(',').filter((id) => id !== '');
}

void main();
