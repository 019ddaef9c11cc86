/**
 * Keyturn's composition root, top to bottom: one instance, find the vault file, build the
 * services, register IPC, start the idle lock, create the tray and the window.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createApiHandlers, createSessionState, type AppContext, type SessionState } from './api';
import { systemClock } from './api/ports';
import { reopeningSummary, startBackgroundWork } from './electron/background';
import { DEFAULT_CLEAR_AFTER_MS, createSecretClipboard } from './electron/clipboard';
import { hardenWebContents } from './electron/harden';
import { DEFAULT_IDLE_MINUTES, startIdleLock } from './electron/idle-lock';
import { registerIpc, sendSessionChanged } from './electron/ipc';
import { createSenderCheck } from './electron/ipc-binding';
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
} from './electron/system';
import { buildTrayMenu } from './electron/tray-menu';
import { createMainWindow, type RendererEntry } from './electron/window';
import { ProviderClients } from './lifecycle/clients';
import { reconcile } from './lifecycle/reconcile';
import { createVault, openVault } from './vault/index';

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
  const context: AppContext = {
    vaultPath,
    vaults: { createVault, openVault },
    session,
    clock,
    clipboard,
    notifier: systemNotifier,
  };
  const handlers = createApiHandlers(context);

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
      else electronApp.quit();
    },
  });
  const refreshTray = async (): Promise<void> => {
    const status = await handlers['vault:status']({});
    const tokens = session.current().state === 'unlocked' ? await handlers['tokens:list']({}) : null;
    if (!status.ok) return;
    tray.update(
      buildTrayMenu({
        status: status.value,
        tokens: tokens?.ok === true ? tokens.value : [],
        pinnedIds: new Set(listSetting(session, PINNED_SETTING)),
        recentLimit: 8,
      }),
    );
  };
  session.onChange((event) => {
    if (window !== null) sendSessionChanged(window.webContents, event);
    void refreshTray();
  });
  await refreshTray();

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
