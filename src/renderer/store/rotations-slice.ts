/**
 * Rotations slice: unfinished lifecycle work (pending, revoke-failed, manual rotations waiting for
 * the user) and the progress events main streams while a create, rotate or revoke runs.
 */
import type { StateCreator } from 'zustand';
import type { LifecycleProgressEvent } from '../../shared/window-events';
import type { RotationView } from '../../shared/window-views';
import type { KeyturnStore } from './index';

/** Enough for every run the user can watch; older events are dropped. */
const KEEP_EVENTS = 400;

/** A progress event with its place in arrival order (counted since the vault opened). */
export interface ProgressEntry {
  readonly seq: number;
  readonly event: LifecycleProgressEvent;
}

export interface RotationsSlice {
  readonly rotations: readonly RotationView[];
  readonly progress: readonly ProgressEntry[];
  /** How many progress events arrived so far: a run shows those after its start. */
  readonly progressSeq: number;
  loadRotations(): Promise<void>;
  progressArrived(event: LifecycleProgressEvent): void;
}

export const createRotationsSlice: StateCreator<KeyturnStore, [], [], RotationsSlice> = (set, get) => ({
  rotations: [],
  progress: [],
  progressSeq: 0,

  async loadRotations() {
    const result = await window.keyturn.listRotations();
    if (result.ok) set({ rotations: result.value });
    else if (result.error.code !== 'VAULT_LOCKED') get().showNotice(result.error.message, 'error');
  },

  progressArrived(event) {
    const seq = get().progressSeq + 1;
    set({ progressSeq: seq, progress: [...get().progress.slice(-(KEEP_EVENTS - 1)), { seq, event }] });
  },
});
