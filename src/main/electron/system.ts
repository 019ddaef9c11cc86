/**
 * Electron's runtime objects, adapted to the small interfaces the rest of main uses.
 * This and ipc.ts are the only main-process files that load 'electron' at runtime;
 * everything with logic takes these as arguments and is tested with fakes.
 */
import {
  BrowserWindow,
  ClipboardItem,
  Menu,
  Notification,
  Tray,
  app,
  clipboard,
  nativeImage,
  powerMonitor,
  safeStorage,
  shell,
} from 'electron';
import type { Notifier } from '../api/ports';
import type { ResumeMonitor } from './background';
import type { Clipboard } from './clipboard';
import type { PowerMonitorLike } from './idle-lock';
import type { SafeStorageLike } from './keychain';
import type { SingleInstanceApp } from './single-instance';
import { toMenuTemplate, type TrayCallbacks } from './tray';
import type { TrayItem } from './tray-menu';

export const electronApp: SingleInstanceApp & {
  readonly isPackaged: boolean;
  whenReady(): Promise<void>;
  getPath(name: 'userData'): string;
  getAppPath(): string;
  on(event: 'window-all-closed', listener: () => void): unknown;
} = app;

/**
 * Raw formats that tell clipboard managers and history to skip the entry (DESIGN §5):
 * macOS's nspasteboard.org convention and Windows' clipboard-history exclusion.
 */
const CONCEALED_FORMATS: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'org.nspasteboard.ConcealedType',
  win32: 'ExcludeClipboardContentFromMonitorProcessing',
};

export const systemClipboard: Clipboard = {
  readText: () => clipboard.readText(),
  writeText: (text) => {
    const marker = CONCEALED_FORMATS[process.platform];
    if (marker === undefined) return clipboard.writeText(text);
    const concealed = `electron application/osclipboard;format="${marker}"`;
    return clipboard.write([new ClipboardItem({ 'text/plain': text, [concealed]: '' })]);
  },
  clear: () => clipboard.clear(),
};

export const systemPowerMonitor: PowerMonitorLike = powerMonitor;
export const systemResumeMonitor: ResumeMonitor = powerMonitor;
export const systemSafeStorage: SafeStorageLike = safeStorage;

export const systemNotifier: Notifier = {
  notify: (title, body) => {
    if (Notification.isSupported()) new Notification({ title, body, silent: false }).show();
  },
};

export function openExternal(url: string): void {
  void shell.openExternal(url);
}

export function createBrowserWindow(options: Electron.BrowserWindowConstructorOptions): BrowserWindow {
  return new BrowserWindow(options);
}

/** A tray icon whose menu is rebuilt from the model whenever `update` is called. */
export function createTray(iconPath: string, callbacks: TrayCallbacks): { update(items: readonly TrayItem[]): void } {
  const image = nativeImage.createFromPath(iconPath);
  image.setTemplateImage(true);
  const tray = new Tray(image);
  tray.setToolTip('Keyturn');
  return {
    update: (items) => tray.setContextMenu(Menu.buildFromTemplate(toMenuTemplate(items, callbacks))),
  };
}
