/**
 * Turns the tray model into an Electron menu template. Clicking a token copies it in main;
 * the value never goes anywhere else.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { assertNever } from '../../shared/errors';
import type { TrayAction, TrayItem } from './tray-menu';

export interface TrayCallbacks {
  readonly copy: (tokenId: string) => void;
  readonly act: (action: TrayAction) => void;
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
