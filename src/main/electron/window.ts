/**
 * The main window: every security option written out, even where it is Electron's default,
 * so a reviewer (and a future Electron default change) cannot surprise us.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { BrowserWindowLike, WebContentsLike } from './electron-api';

export interface WindowSettings {
  readonly preloadPath: string;
  readonly isPackaged: boolean;
}

export function mainWindowOptions({ preloadPath, isPackaged }: WindowSettings): BrowserWindowConstructorOptions {
  return {
    title: 'Keyturn',
    width: 980,
    height: 680,
    minWidth: 640,
    minHeight: 480,
    show: false,
    backgroundColor: '#0f1115',
    webPreferences: {
      preload: preloadPath,
      // Electron security checklist: isolate, sandbox, no Node in any renderer context.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A packaged build has no devtools: a bystander cannot read the renderer's memory.
      devTools: !isPackaged,
    },
  };
}

export interface MainWindowDeps {
  readonly create: (options: BrowserWindowConstructorOptions) => BrowserWindowLike;
  readonly harden: (contents: WebContentsLike) => void;
  readonly settings: WindowSettings;
  /** app://keyturn/index.html, or electron-vite's dev server in development. */
  readonly url: string;
  /** A later window's page failed to load (the first one's failure is a start-up error). */
  readonly loadFailed: (cause: unknown) => void;
}

/** The one main window: shown, restored, or made again when it was closed. */
export interface MainWindow {
  /** Shows the window (restoring it if minimised); resolves once a new window's page has loaded. */
  show(): Promise<void>;
  /** The id of the window's WebContents, known from its creation (not from its page load) on. */
  webContentsId(): number | null;
  contents(): WebContentsLike | null;
}

export function createMainWindow(deps: MainWindowDeps): MainWindow {
  let current: { readonly window: BrowserWindowLike; readonly id: number } | null = null;
  let made = 0;

  const open = (): Promise<void> => {
    const window = deps.create(mainWindowOptions(deps.settings));
    // Trusted from creation on: the renderer's first call can arrive before loadURL resolves.
    current = { window, id: window.webContents.id };
    window.on('closed', () => (current = null));
    // Hardened before loading anything, so the first page already runs under the rules.
    deps.harden(window.webContents);
    window.once('ready-to-show', () => window.show());
    return window.loadURL(deps.url);
  };

  return {
    show() {
      const window = current?.window;
      if (window === undefined || window.isDestroyed()) {
        made += 1;
        return made === 1 ? open() : open().catch(deps.loadFailed);
      }
      // A second launch or the tray's Open: bring back a minimised window, not just focus it.
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return Promise.resolve();
    },
    webContentsId: () => (current !== null && !current.window.isDestroyed() ? current.id : null),
    contents: () => (current !== null && !current.window.isDestroyed() ? current.window.webContents : null),
  };
}
