import { useCallback, type KeyboardEvent, type RefObject } from 'react';
import { keyturnStore } from '../../store';
import { ROW_HEIGHT } from './token-row';
import { runTokenAction } from './token-actions';

const STEPS: Readonly<Record<string, number>> = { ArrowDown: 1, ArrowUp: -1 };

/** The list's keys; they act only while the list itself has focus (never on a focused button). */
export function useListKeys(
  scroller: RefObject<HTMLDivElement | null>,
  openMenuAt: (index: number, x: number, y: number) => void,
): (event: KeyboardEvent<HTMLDivElement>) => void {
  return useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.target !== event.currentTarget) return;
      const store = keyturnStore.getState();
      const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 540) / ROW_HEIGHT) - 1);
      const isMod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const row = store.rows.get(store.selectedIndex);
      const matched = store.counts?.matched ?? 0;
      const act = (action: string): void => {
        event.preventDefault();
        if (row !== undefined) runTokenAction(action, row);
      };
      const step = STEPS[event.key];
      if (step !== undefined) {
        event.preventDefault();
        store.moveSelection(step);
      } else if (event.key === 'PageDown' || event.key === 'PageUp') {
        event.preventDefault();
        store.moveSelection(event.key === 'PageDown' ? page : -page);
      } else if (event.key === 'Home' || event.key === 'End') {
        event.preventDefault();
        store.select(event.key === 'Home' ? 0 : matched - 1);
      } else if (event.key === 'Enter') act('copy');
      else if (isMod && key === 'c' && window.getSelection()?.toString() === '')
        act(event.shiftKey ? 'copy-fresh' : 'copy');
      else if (isMod && key === 'e') act('edit');
      else if (event.key === 'Delete') act('delete');
      else if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
        event.preventDefault();
        const element = document.getElementById(`token-row-${store.selectedIndex}`)?.getBoundingClientRect();
        if (element !== undefined) openMenuAt(store.selectedIndex, element.left + 24, element.bottom - 8);
      }
    },
    [scroller, openMenuAt],
  );
}
