/** UI slice: the transient notice line (copied, errors) and copy, which happens in main. */
import type { StateCreator } from 'zustand';
import type { KeyturnStore } from './index';

export interface Notice {
  readonly text: string;
  readonly tone: 'info' | 'error';
}

export interface UiSlice {
  readonly notice: Notice | null;
  showNotice(text: string, tone: Notice['tone']): void;
  copyToken(tokenId: string): Promise<void>;
}

export const createUiSlice: StateCreator<KeyturnStore, [], [], UiSlice> = (set, get) => ({
  notice: null,

  showNotice(text, tone) {
    set({ notice: { text, tone } });
  },

  async copyToken(tokenId) {
    const result = await window.keyturn.copyToken({ tokenId });
    if (!result.ok) {
      get().showNotice(result.error.message, 'error');
      return;
    }
    const seconds = Math.max(1, Math.round(result.value.clearAfterMs / 1000));
    const label = get().tokens.find((token) => token.id === tokenId)?.label ?? 'Token';
    get().showNotice(`${label} copied — the clipboard clears in ${seconds} s`, 'info');
  },
});
