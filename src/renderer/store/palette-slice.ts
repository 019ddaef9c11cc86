/**
 * Palette slice: whether the command palette is open. Ctrl/Cmd+K opens it; so does main's
 * `palette:open` (the global shortcut), which may arrive while the vault is locked: the palette
 * then opens once the vault is unlocked.
 */
import type { StateCreator } from 'zustand';
import type { KeyturnStore } from './index';

export interface PaletteSlice {
  readonly isPaletteOpen: boolean;
  setPaletteOpen(isOpen: boolean): void;
}

export const createPaletteSlice: StateCreator<KeyturnStore, [], [], PaletteSlice> = (set) => ({
  isPaletteOpen: false,
  setPaletteOpen(isOpen) {
    set({ isPaletteOpen: isOpen });
  },
});
