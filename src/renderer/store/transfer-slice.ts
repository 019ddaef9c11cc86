/**
 * Transfer slice: the recovery key of a vault just restored from a backup. A restore in place
 * locks the old vault and unlocks the new one, so the window passes through the locked screen and
 * the dialog that asked is gone by the time main answers: the key waits here, shown once by
 * screens/transfer/restored-key-dialog.tsx, and is dropped when the user closes it or the vault locks.
 */
import type { StateCreator } from 'zustand';
import type { KeyturnStore } from './index';

export interface RestoredKey {
  readonly recoveryKey: string;
  /** Where the replaced vault file was kept; null for a new vault. */
  readonly previousFile: string | null;
  readonly tokens: number;
}

export interface TransferSlice {
  readonly restoredKey: RestoredKey | null;
  setRestoredKey(restored: RestoredKey | null): void;
}

export const createTransferSlice: StateCreator<KeyturnStore, [], [], TransferSlice> = (set) => ({
  restoredKey: null,
  setRestoredKey(restored) {
    set({ restoredKey: restored });
  },
});
