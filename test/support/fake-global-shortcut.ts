/**
 * Electron's globalShortcut and nativeTheme as small fakes: accelerators other apps hold are
 * refused (register answers false), ones the "OS" cannot parse throw, as Electron's do.
 */
import type { Theme } from '../../src/shared/window-settings';
import type { GlobalShortcutLike, NativeThemeLike } from '../../src/main/electron/settings-effects';

export class FakeGlobalShortcut implements GlobalShortcutLike {
  /** Accelerators another app holds. */
  readonly takenElsewhere = new Set<string>();
  /** Accelerators this fake OS throws on. */
  readonly unparsable = new Set<string>();
  readonly registered = new Map<string, () => void>();

  register(accelerator: string, callback: () => void): boolean {
    if (this.unparsable.has(accelerator))
      throw new Error(`Error processing argument at index 0, conversion failure from ${accelerator}`);
    if (this.takenElsewhere.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }

  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  }

  /** The user presses the accelerator. */
  press(accelerator: string): void {
    this.registered.get(accelerator)?.();
  }
}

export class FakeNativeTheme implements NativeThemeLike {
  themeSource: Theme = 'system';
}
