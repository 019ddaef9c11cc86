/**
 * The main window: every security option written out, even where it is Electron's default,
 * so a reviewer (and a future Electron default change) cannot surprise us.
 */
import type { BrowserWindowConstructorOptions, WebContents } from 'electron';

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

/** What the window factory needs from a BrowserWindow; the real one satisfies it. */
export interface WindowLike {
  readonly webContents: WebContents;
  loadFile(path: string): Promise<void>;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): this;
  show(): void;
}

export type RendererEntry =
  { readonly kind: 'file'; readonly path: string } | { readonly kind: 'url'; readonly url: string };

export interface MainWindowDeps<W extends WindowLike> {
  readonly create: (options: BrowserWindowConstructorOptions) => W;
  readonly harden: (contents: WebContents) => void;
  readonly settings: WindowSettings;
  readonly entry: RendererEntry;
}

/** Hardens before loading anything, so the first page already runs under the rules. */
export async function createMainWindow<W extends WindowLike>(deps: MainWindowDeps<W>): Promise<W> {
  const window = deps.create(mainWindowOptions(deps.settings));
  deps.harden(window.webContents);
  window.once('ready-to-show', () => window.show());
  if (deps.entry.kind === 'file') await window.loadFile(deps.entry.path);
  else await window.loadURL(deps.entry.url);
  return window;
}
