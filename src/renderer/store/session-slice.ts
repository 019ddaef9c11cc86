/** Session slice: the vault file's status and the last unlock error. Never a password. */
import type { StateCreator } from 'zustand';
import type { VaultStatus } from '../../shared/ipc';
import type { KeyturnStore } from './index';

export interface SessionSlice {
  readonly status: VaultStatus | null;
  readonly sessionError: string | null;
  readonly isBusy: boolean;
  /**
   * The first-run screen is showing the recovery key: it stays up although main already reports
   * the new vault unlocked (its session event arrives before the user has read the key).
   */
  readonly isOnboarding: boolean;
  setOnboarding(isOnboarding: boolean): void;
  refreshStatus(): Promise<void>;
  setStatus(status: VaultStatus): void;
  /** The password passes through to main; it is never stored. */
  unlock(password: string): Promise<boolean>;
  /** Unlocks with the recovery key and sets a new master password (both pass through to main). */
  recover(recoveryKey: string, newPassword: string): Promise<boolean>;
  lock(): Promise<void>;
  /** Main locked (the user, idle, suspend): drop every view of the vault. */
  sessionLocked(): void;
}

export const createSessionSlice: StateCreator<KeyturnStore, [], [], SessionSlice> = (set, get) => ({
  status: null,
  sessionError: null,
  isBusy: false,
  isOnboarding: false,

  setOnboarding(isOnboarding) {
    set({ isOnboarding });
  },

  async refreshStatus() {
    const result = await window.keyturn.status();
    if (result.ok) get().setStatus(result.value);
    else set({ sessionError: result.error.message });
  },

  setStatus(status) {
    const wasUnlocked = get().status?.state === 'unlocked';
    set({ status, sessionError: null });
    if (status.state === 'unlocked' && !wasUnlocked) get().vaultOpened();
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

  async recover(recoveryKey, newPassword) {
    set({ isBusy: true, sessionError: null });
    const result = await window.keyturn.unlockWithRecoveryKey({ recoveryKey, newPassword });
    set({ isBusy: false });
    if (!result.ok) {
      set({ sessionError: result.error.message });
      return false;
    }
    get().setStatus(result.value);
    return true;
  },

  async lock() {
    await window.keyturn.lock();
    get().sessionLocked();
  },

  sessionLocked() {
    get().clearVaultViews();
    void get().refreshStatus();
  },
});
