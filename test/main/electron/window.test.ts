import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createMainWindow, mainWindowOptions } from '../../../src/main/electron/window';

describe('main window options', () => {
  it('writes out every security option', () => {
    const prefs = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', isPackaged: true }).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
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
    });
  });

  it('turns devtools off in packaged builds only', () => {
    expect(mainWindowOptions({ preloadPath: 'p', isPackaged: true }).webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions({ preloadPath: 'p', isPackaged: false }).webPreferences?.devTools).toBe(true);
  });

  it('starts hidden so nothing flashes before the page is ready', () => {
    expect(mainWindowOptions({ preloadPath: 'p', isPackaged: true }).show).toBe(false);
  });
});

/** A window whose page never finishes loading unless the test says so. */
class SlowWindow extends EventEmitter {
  static made = 0;
  readonly webContents = Object.assign(new EventEmitter(), {
    id: 40 + SlowWindow.made++,
    session: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined },
    setWindowOpenHandler: () => undefined,
    send: () => undefined,
    isDestroyed: () => false,
  });
  minimized = true;
  restores = 0;
  loadURL(): Promise<void> {
    return new Promise(() => undefined);
  }
  show(): void {}
  focus(): void {}
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
    this.restores += 1;
  }
  isDestroyed(): boolean {
    return false;
  }
}

describe('the main window', () => {
  const made: SlowWindow[] = [];
  const window = createMainWindow({
    create: () => {
      const created = new SlowWindow();
      made.push(created);
      return created;
    },
    harden: () => undefined,
    settings: { preloadPath: 'p', isPackaged: true },
    url: 'app://keyturn/index.html',
    loadFailed: () => undefined,
  });

  it("knows its WebContents id from creation, before the page has loaded (the renderer's first call)", () => {
    expect(window.webContentsId()).toBeNull();
    void window.show();
    expect(window.webContentsId()).toBe(made[0]?.webContents.id);
  });

  it('restores a minimised window on show instead of making another', () => {
    void window.show();
    expect(made).toHaveLength(1);
    expect(made[0]?.restores).toBe(1);
  });
});
