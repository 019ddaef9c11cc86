/**
 * Fakes of Electron's main-process objects (an ElectronApi), recording what main does with them in
 * one ordered log. Used in-process by the composition root's test and, compiled to a plain ES
 * module, as the 'electron' module the built out/main/index.js imports under Node.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { ElectronApi, PreventableEvent } from '../../src/main/electron/electron-api';
import type { InvokeEventLike } from '../../src/main/electron/ipc-binding';
import { FakeDialogs } from './fake-dialogs';
import { FakeGlobalShortcut, FakeNativeTheme } from './fake-global-shortcut';
import { FakeSafeStorage } from './fake-keychain';

export interface FakeElectronOptions {
  readonly appPath: string;
  readonly userData: string;
  readonly isPackaged?: boolean;
  /** False: another Keyturn holds the single-instance lock. */
  readonly isFirstInstance?: boolean;
  /** Page loads wait until release() is called (the renderer is still loading). */
  readonly holdLoads?: boolean;
  /** Told every log line as it happens (the bundle test prints them for its parent). */
  readonly onLog?: (line: string) => void;
  /** Called when the app really ends (quit went through, or exit()). */
  readonly onExit?: (code: number) => void;
}

// Electron's own types, reached through ElectronApi (only src/main/electron may import 'electron').
type BrowserWindowConstructorOptions = ConstructorParameters<ElectronApi['BrowserWindow']>[0];
type CustomScheme = Parameters<ElectronApi['protocol']['registerSchemesAsPrivileged']>[0][number];
type MenuItemConstructorOptions = Parameters<ElectronApi['Menu']['buildFromTemplate']>[0][number];

export interface FakeWindow {
  readonly webContents: { readonly id: number; readonly sent: { channel: string; args: unknown[] }[] };
  readonly options: BrowserWindowConstructorOptions;
  readonly url: string | null;
  readonly isVisible: boolean;
  readonly restores: number;
  minimize(): void;
  isMinimized(): boolean;
  close(): void;
}

export interface FakeTrayIcon {
  readonly iconPath: string;
  /** The labels of the menu as last set. */
  menuLabels(): string[];
  /** Clicks the menu item with this label, as a user would. */
  click(label: string): void;
}

export interface FakeElectron {
  readonly electron: ElectronApi;
  /** Every call main made, in order ("app.whenReady", "ipcMain.handle vault:status", ...). */
  readonly log: readonly string[];
  readonly app: EventEmitter & { readonly userModelId: string | null; quit(): void };
  readonly windows: readonly FakeWindow[];
  readonly trays: readonly FakeTrayIcon[];
  readonly clipboard: { readonly items: Readonly<Record<string, string>> };
  readonly errorBoxes: readonly { title: string; content: string }[];
  readonly powerMonitor: EventEmitter;
  readonly globalShortcut: FakeGlobalShortcut;
  /** What the user picks in main's open and save dialogs. */
  readonly dialogs: FakeDialogs;
  readonly nativeTheme: FakeNativeTheme;
  exitCode(): number | null;
  /** Lets every held page load finish. */
  releaseLoads(): void;
  boundChannels(): string[];
  /** Calls a channel as the given window's main frame would (sender id and frame URL from it). */
  invoke(
    window: Pick<FakeWindow, 'url'> & { webContents: { id: number } },
    channel: string,
    input?: unknown,
  ): Promise<unknown>;
  /** Fetches an app:// URL through main's protocol handler. */
  fetch(url: string): Promise<Response>;
}

class Preventable implements PreventableEvent {
  isPrevented = false;
  preventDefault(): void {
    this.isPrevented = true;
  }
}

export function createFakeElectron(options: FakeElectronOptions): FakeElectron {
  const log: string[] = [];
  const record = (line: string): void => {
    log.push(line);
    options.onLog?.(line);
  };
  let isReady = false;
  let exitCode: number | null = null;
  const end = (code: number): void => {
    if (exitCode !== null) return;
    exitCode = code;
    record(`app.exited ${code}`);
    options.onExit?.(code);
  };
  const loads: (() => void)[] = [];

  class FakeApp extends EventEmitter {
    readonly isPackaged = options.isPackaged ?? false;
    userModelId: string | null = null;
    requestSingleInstanceLock(): boolean {
      record('app.requestSingleInstanceLock');
      return options.isFirstInstance ?? true;
    }
    async whenReady(): Promise<void> {
      record('app.whenReady');
      isReady = true;
    }
    getPath(name: 'userData'): string {
      return name === 'userData' ? options.userData : '';
    }
    getAppPath(): string {
      return options.appPath;
    }
    setAppUserModelId(id: string): void {
      record(`app.setAppUserModelId ${id}`);
      this.userModelId = id;
    }
    override on(event: string, listener: Parameters<EventEmitter['on']>[1]): this {
      record(`app.on ${event}`);
      return super.on(event, listener);
    }
    /** As Electron: before-quit, windows closed, will-quit, then the end, unless a listener prevents it. */
    quit(): void {
      record('app.quit');
      const before = new Preventable();
      this.emit('before-quit', before);
      if (before.isPrevented) return;
      for (const window of windows) window.close();
      const will = new Preventable();
      this.emit('will-quit', will);
      if (!will.isPrevented) end(0);
    }
    exit(code = 0): void {
      record(`app.exit ${code}`);
      end(code);
    }
  }
  const app = new FakeApp();

  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain = {
    handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
      record(`ipcMain.handle ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel: string): void {
      handlers.delete(channel);
    },
  };

  const protocols = new Map<string, (request: Request) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
      if (isReady) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
      record(`protocol.registerSchemesAsPrivileged ${schemes.map((scheme) => scheme.scheme).join(',')}`);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
      record(`protocol.handle ${scheme}`);
      protocols.set(scheme, handler);
    },
  };

  let nextId = 1;
  const windows: FakeBrowserWindow[] = [];
  class FakeWebContents extends EventEmitter {
    readonly sent: { channel: string; args: unknown[] }[] = [];
    readonly session = {
      setPermissionRequestHandler: (): void => undefined,
      setPermissionCheckHandler: (): void => undefined,
    };
    constructor(
      readonly id: number,
      readonly owner: FakeBrowserWindow,
    ) {
      super();
    }
    setWindowOpenHandler(): void {}
    send(channel: string, ...args: unknown[]): void {
      this.sent.push({ channel, args });
    }
    isDestroyed(): boolean {
      return this.owner.isDestroyed();
    }
  }
  class FakeBrowserWindow extends EventEmitter {
    readonly webContents: FakeWebContents;
    url: string | null = null;
    isVisible = false;
    minimized = false;
    restores = 0;
    destroyed = false;
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      this.webContents = new FakeWebContents(nextId++, this);
      windows.push(this);
      record(`BrowserWindow.new ${this.webContents.id}`);
    }
    loadURL(url: string): Promise<void> {
      record(`window.loadURL ${url}`);
      this.url = url;
      const loaded = (): void => {
        record(`window.loaded ${this.webContents.id}`);
        this.emit('ready-to-show');
      };
      if (!options.holdLoads) {
        loaded();
        return Promise.resolve();
      }
      return new Promise((resolve) => loads.push(() => (loaded(), resolve())));
    }
    show(): void {
      this.isVisible = true;
      this.minimized = false;
    }
    focus(): void {}
    minimize(): void {
      this.minimized = true;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      this.restores += 1;
      this.minimized = false;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    close(): void {
      if (this.destroyed) return;
      this.destroyed = true;
      this.emit('closed');
      if (windows.every((window) => window.destroyed)) app.emit('window-all-closed');
    }
  }

  const trays: FakeTray[] = [];
  class FakeTray {
    toolTip = '';
    menu: MenuItemConstructorOptions[] = [];
    constructor(readonly iconPath: string) {
      trays.push(this);
      record(`Tray.new ${iconPath}`);
    }
    setToolTip(toolTip: string): void {
      this.toolTip = toolTip;
    }
    setContextMenu(menu: object | null): void {
      this.menu = (menu as { template?: MenuItemConstructorOptions[] } | null)?.template ?? [];
    }
    menuLabels(): string[] {
      return this.menu.flatMap((entry) => (entry.label === undefined ? [] : [entry.label]));
    }
    /** Clicks the menu item with this label, as a user would. */
    click(label: string): void {
      const item = this.menu.find((entry) => entry.label === label);
      if (item?.click === undefined) throw new Error(`no tray item "${label}"`);
      (item.click as () => void)();
    }
  }

  class FakeClipboardItem {
    readonly types: string[];
    constructor(readonly items: Record<string, string>) {
      this.types = Object.keys(items);
    }
  }
  const clipboard = {
    items: {} as Record<string, string>,
    /** Reads answer a macrotask later, as a real clipboard (another process) does. */
    async readText(): Promise<string> {
      await new Promise((resolve) => setImmediate(resolve));
      return this.items['text/plain'] ?? '';
    },
    async write(items: FakeClipboardItem[]): Promise<void> {
      this.items = Object.assign({}, ...items.map((item) => item.items)) as Record<string, string>;
    },
    clear(): void {
      record('clipboard.clear');
      this.items = {};
    },
  };

  class FakeNotification {
    static isSupported(): boolean {
      return true;
    }
    constructor(readonly shown: { title?: string; body?: string }) {}
    show(): void {
      record(`notification ${this.shown.title ?? ''}`);
    }
    on(event: 'click', listener: () => void): this {
      void event;
      void listener;
      return this;
    }
  }

  const powerMonitor = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 });
  const globalShortcut = new FakeGlobalShortcut();
  const dialogs = new FakeDialogs();
  const nativeTheme = new FakeNativeTheme();
  const errorBoxes: { title: string; content: string }[] = [];

  const electron = {
    app,
    protocol,
    ipcMain,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) },
    nativeImage: { createFromPath: (path: string) => ({ isEmpty: () => !existsSync(path) }) },
    clipboard,
    ClipboardItem: FakeClipboardItem,
    safeStorage: new FakeSafeStorage(),
    powerMonitor,
    Notification: FakeNotification,
    shell: { openExternal: async (url: string) => void record(`shell.openExternal ${url}`) },
    globalShortcut,
    nativeTheme,
    dialog: {
      showOpenDialog: (options: Parameters<FakeDialogs['showOpenDialog']>[0]) => dialogs.showOpenDialog(options),
      showSaveDialog: (options: Parameters<FakeDialogs['showSaveDialog']>[0]) => dialogs.showSaveDialog(options),
      showErrorBox: (title: string, content: string) => {
        record(`dialog.showErrorBox ${title}: ${content}`);
        errorBoxes.push({ title, content });
      },
    },
  } satisfies ElectronApi;

  return {
    electron,
    log,
    app,
    windows,
    trays,
    clipboard,
    errorBoxes,
    powerMonitor,
    globalShortcut,
    nativeTheme,
    dialogs,
    exitCode: () => exitCode,
    releaseLoads: () => loads.splice(0).forEach((finish) => finish()),
    boundChannels: () => [...handlers.keys()],
    invoke(window, channel, input = {}) {
      const handler = handlers.get(channel);
      if (handler === undefined) return Promise.reject(new Error(`No handler registered for '${channel}'`));
      return handler(
        { sender: { id: window.webContents.id }, senderFrame: { url: window.url ?? '', parent: null } },
        input,
      );
    },
    fetch(url) {
      const handler = protocols.get(new URL(url).protocol.replace(/:$/, ''));
      if (handler === undefined) throw new Error(`no handler for ${url}`);
      return handler(new Request(url));
    },
  };
}
