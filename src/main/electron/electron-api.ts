/**
 * The part of Electron's main-process API that Keyturn uses, as small structural types. The
 * composition root (src/main/index.ts) takes an ElectronApi; launch.ts passes the real 'electron'
 * module, and tsc checks it fits. Tests pass hand-written fakes (test/support/fake-electron.ts).
 */
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  MenuItemConstructorOptions,
  NotificationConstructorOptions,
} from 'electron';
import type { SafeStorageLike } from './keychain';
import type { DialogLike } from './file-dialogs';
import type { HardenableContents } from './harden';
import type { GlobalShortcutLike, NativeThemeLike } from './settings-effects';
import type { IpcMainLike } from './ipc-binding';

export interface PreventableEvent {
  preventDefault(): void;
}

// Per-event overloads, as in Electron's own types: a union parameter would not accept them.
/* eslint-disable @typescript-eslint/unified-signatures */
export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}

export interface AppLike {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  getPath(name: 'userData'): string;
  /** The folder holding package.json: the repository in development, app.asar when packaged. */
  getAppPath(): string;
  setAppUserModelId(id: string): void;
  quit(): void;
  exit(exitCode?: number): void;
  /** macOS only: the Dock icon (a `keyturn` command run hides it). */
  readonly dock?: { hide(): void };
  on(event: 'second-instance', listener: () => void): this;
  on(event: 'window-all-closed', listener: () => void): this;
  on(event: 'activate', listener: () => void): this;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): this;
  on(event: 'will-quit', listener: (event: PreventableEvent) => void): this;
}

export interface WebContentsLike extends HardenableContents {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface BrowserWindowLike {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): this;
  on(event: 'closed', listener: () => void): this;
  show(): void;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
  isDestroyed(): boolean;
}

/** Fits idle-lock's PowerMonitorLike and background's ResumeMonitor, plus shutdown for quit. */
export interface SystemPowerMonitor {
  /** Seconds since the last user input, system-wide. */
  getSystemIdleTime(): number;
  /** Linux and macOS: the system is about to shut down or reboot. */
  on(event: 'shutdown', listener: () => void): this;
  on(event: 'suspend', listener: () => void): this;
  on(event: 'lock-screen', listener: () => void): this;
  on(event: 'resume', listener: () => void): this;
  removeListener(event: 'suspend', listener: () => void): this;
  removeListener(event: 'lock-screen', listener: () => void): this;
  removeListener(event: 'resume', listener: () => void): this;
}
/* eslint-enable @typescript-eslint/unified-signatures */

export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

export interface NativeImageLike {
  isEmpty(): boolean;
}

export interface TrayLike {
  setToolTip(toolTip: string): void;
  setContextMenu(menu: object | null): void;
}

export interface ClipboardItemLike {
  readonly types: string[];
}

export interface OsClipboardApi {
  readText(): Promise<string>;
  write(items: ClipboardItemLike[]): Promise<void>;
  clear(): void;
}

export interface ElectronApi {
  readonly app: AppLike;
  readonly protocol: ProtocolLike;
  readonly ipcMain: IpcMainLike;
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowLike;
  /** Made from the icon's path: macOS treats a file named *Template.png as a template image. */
  readonly Tray: new (iconPath: string) => TrayLike;
  readonly Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): object };
  readonly nativeImage: { createFromPath(path: string): NativeImageLike };
  readonly clipboard: OsClipboardApi;
  readonly ClipboardItem: new (items: Record<string, string>) => ClipboardItemLike;
  readonly safeStorage: SafeStorageLike;
  readonly powerMonitor: SystemPowerMonitor;
  readonly Notification: {
    new (options: NotificationConstructorOptions): NotificationLike;
    isSupported(): boolean;
  };
  readonly shell: { openExternal(url: string): Promise<void> };
  readonly globalShortcut: GlobalShortcutLike;
  readonly nativeTheme: NativeThemeLike;
  readonly dialog: DialogLike & { showErrorBox(title: string, content: string): void };
}
