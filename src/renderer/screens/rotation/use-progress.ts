import { useRef } from 'react';
import type { LifecycleProgressEvent } from '../../../shared/window-events';
import { keyturnStore, useKeyturnStore } from '../../store';
import type { ProgressEntry } from '../../store/rotations-slice';

/** The progress events that arrived since this component mounted and match `isMine`. */
export function useProgressSince(isMine: (event: LifecycleProgressEvent) => boolean): LifecycleProgressEvent[] {
  const start = useRef(keyturnStore.getState().progressSeq);
  const progress = useKeyturnStore((state) => state.progress);
  return progress
    .filter((entry: ProgressEntry) => entry.seq > start.current && isMine(entry.event))
    .map((entry) => entry.event);
}
