/**
 * Electron's objects adapted to the small ports the rest of main uses. Nothing here imports
 * 'electron' at run time: the objects come in as an ElectronApi (launch.ts passes the real module).
 */
import type { Notifier } from '../api/ports';
import type { Clipboard } from './clipboard';
import type { ElectronApi } from './electron-api';

/**
 * Raw formats that tell clipboard managers and history to skip or hide the entry (DESIGN §5):
 * macOS's nspasteboard.org convention, Windows' clipboard-history exclusion, and on Linux KDE's
 * password-manager hint (Klipper, and the clipboard managers that follow it, keep no copy of an
 * entry marked "secret"; desktops without such a manager ignore the extra format).
 */
const CONCEALED_FORMATS: Partial<Record<NodeJS.Platform, { readonly format: string; readonly value: string }>> = {
  darwin: { format: 'org.nspasteboard.ConcealedType', value: '' },
  win32: { format: 'ExcludeClipboardContentFromMonitorProcessing', value: '' },
  linux: { format: 'x-kde-passwordManagerHint', value: 'secret' },
};

/** What one copy writes: the text, plus the platform's concealment marker where it has one. */
export function clipboardEntries(platform: NodeJS.Platform, text: string): Record<string, string> {
  const concealed = CONCEALED_FORMATS[platform];
  if (concealed === undefined) return { 'text/plain': text };
  return { 'text/plain': text, [`electron application/osclipboard;format="${concealed.format}"`]: concealed.value };
}

export function systemClipboard(
  electron: Pick<ElectronApi, 'clipboard' | 'ClipboardItem'>,
  platform: NodeJS.Platform,
): Clipboard {
  return {
    readText: () => electron.clipboard.readText(),
    // One write() call commits every entry atomically: the text is never there without its marker.
    writeText: (text) => electron.clipboard.write([new electron.ClipboardItem(clipboardEntries(platform, text))]),
    clear: () => electron.clipboard.clear(),
  };
}

export function systemNotifier(electron: Pick<ElectronApi, 'Notification'>): Notifier {
  return {
    notify: (title, body) => {
      if (electron.Notification.isSupported()) new electron.Notification({ title, body, silent: false }).show();
    },
  };
}

export function openExternal(electron: Pick<ElectronApi, 'shell'>): (url: string) => void {
  return (url) => void electron.shell.openExternal(url).catch(() => undefined);
}
