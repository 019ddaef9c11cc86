/**
 * What a settings change does outside the vault, at once: the app's theme (Electron's
 * nativeTheme.themeSource) and the global shortcut (Electron's globalShortcut). The Electron
 * implementation is electron/settings-effects.ts; the CLI and the browser bridge have none.
 */
import type { Theme } from '../../shared/window-settings';

export interface SettingsEffects {
  setTheme(theme: Theme): void;
  /**
   * Replaces the global shortcut (null: none). Throws a KeyturnError when the accelerator is taken
   * by another app or refused by the OS; the previous shortcut then stays registered.
   */
  setGlobalShortcut(accelerator: string | null): void;
}
