/**
 * The tray icon and its menu. Clicking a token copies it in main; the value never goes anywhere
 * else. The menu template comes from the tray model (tray-menu.ts).
 */
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { assertNever } from '../../shared/errors';
import type { ElectronApi } from './electron-api';
import type { TrayAction, TrayItem } from './tray-menu';

export interface TrayCallbacks {
  readonly copy: (tokenId: string) => void;
  readonly act: (action: TrayAction) => void;
}

/**
 * The tray image's file under resources/ (the @2x file beside it serves high-density screens).
 * macOS tints a black template image to suit light and dark menu bars, and treats a file named
 * *Template.png as one. Windows and Linux show an image as drawn, where a black template vanishes
 * on a dark panel: they get the coloured icon.
 */
export function trayIconFor(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? 'trayTemplate.png' : 'tray.png';
}

export interface TrayHandle {
  update(items: readonly TrayItem[]): void;
}

/** A tray icon whose menu is rebuilt from the model whenever `update` is called. */
export function createTray(
  electron: Pick<ElectronApi, 'Tray' | 'Menu' | 'nativeImage'>,
  resourcesDir: string,
  iconFile: string,
  callbacks: TrayCallbacks,
): TrayHandle {
  const path = join(resourcesDir, iconFile);
  // An empty image would make an invisible tray icon, and the tray is the app's only handle.
  if (electron.nativeImage.createFromPath(path).isEmpty()) throw new Error(`The tray icon is missing: ${path}`);
  const tray = new electron.Tray(path);
  tray.setToolTip('Keyturn');
  return {
    update: (items) => tray.setContextMenu(electron.Menu.buildFromTemplate(toMenuTemplate(items, callbacks))),
  };
}

export function toMenuTemplate(items: readonly TrayItem[], callbacks: TrayCallbacks): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'heading':
        return { label: item.label, enabled: false };
      case 'note':
        return { label: item.label, enabled: false };
      case 'separator':
        return { type: 'separator' };
      case 'token':
        return { label: item.label, toolTip: 'Copy to the clipboard', click: () => callbacks.copy(item.tokenId) };
      case 'action':
        return { label: item.label, click: () => callbacks.act(item.action) };
      default:
        return assertNever(item);
    }
  });
}
