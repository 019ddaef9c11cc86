/** Session slice: what the vault's status is and what went wrong last. Never a password. */
import type { StateCreator } from 'zustand';
import type { VaultStatus } from '../../shared/ipc';
import type { KeyturnStore } from './index';

export interface SessionSlice {
  readonly status: VaultStatus | null;
  readonly sessionError: string | null;
  readonly isBusy: boolean;
  refreshStatus(): Promise<void>;
  setStatus(status: VaultStatus): void;
  /** The password passes through to main; it is never stored. */
  unlock(password: string): Promise<boolean>;
  lock(): Promise<void>;
  sessionLocked(): void;
}

export const createSessionSlice: StateCreator<KeyturnStore, [], [], SessionSlice> = (set, get) => ({
  status: null,
  sessionError: null,
  isBusy: false,

  async refreshStatus() {
    const result = await window.keyturn.status();
    if (result.ok) get().setStatus(result.value);
    else set({ sessionError: result.error.message });
  },

  setStatus(status) {
    set({ status, sessionError: null });
    if (status.state === 'unlocked') void get().loadTokens();
  },

  async unlock(password) {
    set({ isBusy: true, sessionError: null });
    const result = await window.keyturn.unlock({ password });
    set({ isBusy: false });
    if (!result.ok) {
      set({ sessionError: result.error.message });
      return false;
    }
    get().setStatus(result.value);
    return true;
  },

  async lock() {
    const result = await window.keyturn.lock();
    if (result.ok) set({ status: result.value });
    get().sessionLocked();
  },

  sessionLocked() {
    get().clearTokens();
    void get().refreshStatus();
  },
});
