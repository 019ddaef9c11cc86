import { useEffect, useRef } from 'react';
import { useKeyturnStore } from '../store';
import type { DialogRequest } from '../store/dialogs';
import { focusTokenList } from './vault/focus-list';

function refocusIfLost(): void {
  if (document.activeElement === null || document.activeElement === document.body) focusTokenList();
}

/**
 * Dialogs give focus back to what opened them. When that is gone (a removed row or tenant, a
 * menu), focus goes to the token list, never to nowhere. What opened a dialog can also go later,
 * when main's answer reloads the sidebar or the list after the dialog closed (slow on a busy
 * machine), so until the user next presses a key or a pointer, each reload checks again.
 */
export function useFocusAfterDialog(dialog: DialogRequest | null): void {
  const outline = useKeyturnStore((state) => state.outline);
  const rows = useKeyturnStore((state) => state.rows);
  const wasOpen = useRef(false);
  const isWatching = useRef(false);

  useEffect(() => {
    const stop = (): void => {
      isWatching.current = false;
    };
    window.addEventListener('keydown', stop, true);
    window.addEventListener('pointerdown', stop, true);
    return () => {
      window.removeEventListener('keydown', stop, true);
      window.removeEventListener('pointerdown', stop, true);
    };
  }, []);

  useEffect(() => {
    if (dialog !== null) {
      wasOpen.current = true;
      isWatching.current = false;
      return;
    }
    if (!wasOpen.current) return;
    wasOpen.current = false;
    isWatching.current = true;
    const timer = setTimeout(refocusIfLost, 50);
    return () => clearTimeout(timer);
  }, [dialog]);

  useEffect(() => {
    if (dialog === null && isWatching.current) refocusIfLost();
  }, [dialog, outline, rows]);
}
