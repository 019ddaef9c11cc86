/**
 * The settings that act outside the vault, over Electron's nativeTheme and globalShortcut (both
 * injected: tests pass small fakes). The theme is handed to nativeTheme.themeSource, which also
 * drives the page's `prefers-color-scheme`. The global shortcut is registered before the old one
 * goes, so a refused accelerator (taken by another app, or one the OS will not take) leaves the
 * previous shortcut working and the caller stores nothing.
 */
import { KeyturnError } from '../../shared/errors';
import type { Theme } from '../../shared/window-settings';
import type { SettingsEffects } from '../api/settings-effects';

/** Electron's globalShortcut satisfies it. */
export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/** Electron's nativeTheme satisfies it. */
export interface NativeThemeLike {
  themeSource: Theme;
}

export interface SettingsEffectsDeps {
  readonly globalShortcut: GlobalShortcutLike;
  readonly nativeTheme: NativeThemeLike;
  /** What the shortcut does: bring the window up with the command palette open. */
  readonly onShortcut: () => void;
}

export interface AppSettingsEffects extends SettingsEffects {
  /** The accelerator registered now, or null. */
  registeredShortcut(): string | null;
}

export function createSettingsEffects(deps: SettingsEffectsDeps): AppSettingsEffects {
  let registered: string | null = null;
  return {
    setTheme(theme) {
      deps.nativeTheme.themeSource = theme;
    },
    setGlobalShortcut(accelerator) {
      if (accelerator === registered) return;
      if (accelerator !== null) register(deps, accelerator);
      if (registered !== null) deps.globalShortcut.unregister(registered);
      registered = accelerator;
    },
    registeredShortcut: () => registered,
  };
}

function register(deps: SettingsEffectsDeps, accelerator: string): void {
  let isRegistered: boolean;
  try {
    isRegistered = deps.globalShortcut.register(accelerator, deps.onShortcut);
  } catch {
    // Electron throws for an accelerator it cannot parse.
    throw new KeyturnError(
      'INVALID_INPUT',
      `The system does not accept “${accelerator}” as a shortcut; nothing was saved.`,
    );
  }
  if (!isRegistered)
    throw new KeyturnError(
      'INVALID_INPUT',
      `“${accelerator}” is already used by another app or by the system; choose another shortcut. Nothing was saved.`,
    );
}
