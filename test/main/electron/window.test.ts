import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../src/main/electron/window';

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
