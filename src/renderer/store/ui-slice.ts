/**
 * UI slice: which screen the unlocked window shows, the one open dialog, the notice line, and the
 * copy actions (copying happens in main; the window only hears when the clipboard clears).
 */
import type { StateCreator } from 'zustand';
import type { DialogRequest } from './dialogs';
import type { KeyturnStore } from './index';

/** Screens of the unlocked window; issue 13 adds 'settings' and 'audit'. */
export type AppScreen = 'vault' | 'pending';

export interface Notice {
  readonly text: string;
  readonly tone: 'info' | 'error';
}

export interface UiSlice {
  readonly screen: AppScreen;
  readonly dialog: DialogRequest | null;
  readonly notice: Notice | null;
  /** Counts up on every vault change, so panes that fetch for themselves ask again. */
  readonly dataRevision: number;
  setScreen(screen: AppScreen): void;
  openDialog(dialog: DialogRequest): void;
  closeDialog(): void;
  showNotice(text: string, tone: Notice['tone']): void;
  copyToken(tokenId: string, label: string): Promise<void>;
  copyFreshToken(tokenId: string, label: string): Promise<void>;
  /** The vault was unlocked: load the outline, the list and pending work. */
  vaultOpened(): void;
  vaultChanged(scope: 'tokens' | 'structure' | 'rotations' | 'settings'): void;
  clearVaultViews(): void;
}

function copiedNotice(label: string, clearAfterMs: number, fresh: boolean): string {
  const seconds = Math.max(1, Math.round(clearAfterMs / 1000));
  return `${label} ${fresh ? 'refreshed and copied' : 'copied'} — the clipboard clears in ${seconds} s`;
}

export const createUiSlice: StateCreator<KeyturnStore, [], [], UiSlice> = (set, get) => ({
  screen: 'vault',
  dialog: null,
  notice: null,
  dataRevision: 0,

  setScreen(screen) {
    set({ screen });
  },

  openDialog(dialog) {
    set({ dialog });
  },

  closeDialog() {
    set({ dialog: null });
  },

  showNotice(text, tone) {
    set({ notice: { text, tone } });
  },

  async copyToken(tokenId, label) {
    const result = await window.keyturn.copyToken({ tokenId });
    if (result.ok) get().showNotice(copiedNotice(label, result.value.clearAfterMs, false), 'info');
    else get().showNotice(result.error.message, 'error');
  },

  async copyFreshToken(tokenId, label) {
    const result = await window.keyturn.copyFreshToken({ token: { tokenId } });
    if (result.ok) get().showNotice(copiedNotice(label, result.value.clearAfterMs, true), 'info');
    else get().showNotice(result.error.message, 'error');
  },

  vaultOpened() {
    set({ screen: 'vault', notice: null });
    void get().loadOutline();
    get().refreshList();
    void get().loadRotations();
    void get().loadApprovals();
  },

  vaultChanged(scope) {
    if (get().status?.state !== 'unlocked') return;
    set({ dataRevision: get().dataRevision + 1 });
    if (scope === 'settings') return;
    void get().loadOutline();
    get().refreshList();
    if (scope === 'rotations' || scope === 'tokens') void get().loadRotations();
  },

  clearVaultViews() {
    set({ screen: 'vault', dialog: null, notice: null, outline: null, rotations: [], progress: [], approvals: [] });
    get().resetList();
  },
});
