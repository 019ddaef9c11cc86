/**
 * Pins slice: the tokens pinned to the tray menu, in tray order (a copy of the setting
 * `trayPinnedTokenIds`, read again whenever the vault changes), and pinning from the list's menu
 * or the detail pane. Main keeps the order and answers it after each change.
 */
import type { StateCreator } from 'zustand';
import type { KeyturnStore } from './index';

export interface PinsSlice {
  readonly pinnedTokenIds: readonly string[];
  setPinnedTokenIds(ids: readonly string[]): void;
  setPinned(tokenId: string, label: string, pinned: boolean): Promise<void>;
}

export const createPinsSlice: StateCreator<KeyturnStore, [], [], PinsSlice> = (set, get) => ({
  pinnedTokenIds: [],
  setPinnedTokenIds(ids) {
    set({ pinnedTokenIds: ids });
  },
  async setPinned(tokenId, label, pinned) {
    const result = pinned ? await window.keyturn.pinToken({ tokenId }) : await window.keyturn.unpinToken({ tokenId });
    if (!result.ok) {
      get().showNotice(result.error.message, 'error');
      return;
    }
    set({ pinnedTokenIds: result.value.trayPinnedTokenIds });
    get().showNotice(
      pinned ? `${label} is pinned to the tray menu` : `${label} is no longer pinned to the tray`,
      'info',
    );
  },
});
