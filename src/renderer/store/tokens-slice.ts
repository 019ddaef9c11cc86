/** Tokens slice: token metadata (views only, never a secret), the search query and selection. */
import type { StateCreator } from 'zustand';
import type { TokenListItem } from '../../shared/ipc';
import type { KeyturnStore } from './index';

export interface TokensSlice {
  readonly tokens: readonly TokenListItem[];
  readonly query: string;
  readonly selectedIndex: number;
  loadTokens(): Promise<void>;
  search(query: string): Promise<void>;
  moveSelection(delta: number): void;
  select(index: number): void;
  clearTokens(): void;
}

export const createTokensSlice: StateCreator<KeyturnStore, [], [], TokensSlice> = (set, get) => ({
  tokens: [],
  query: '',
  selectedIndex: 0,

  async loadTokens() {
    await get().search(get().query);
  },

  async search(query) {
    set({ query });
    const result = await window.keyturn.searchTokens({ query });
    // A slower answer to an older query must not overwrite a newer one.
    if (get().query !== query) return;
    if (result.ok) set({ tokens: result.value, selectedIndex: 0 });
    else get().showNotice(result.error.message, 'error');
  },

  moveSelection(delta) {
    const last = get().tokens.length - 1;
    set({ selectedIndex: Math.max(0, Math.min(last, get().selectedIndex + delta)) });
  },

  select(index) {
    set({ selectedIndex: index });
  },

  clearTokens() {
    set({ tokens: [], query: '', selectedIndex: 0 });
  },
});
