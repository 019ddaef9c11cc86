import { useEffect, type RefObject } from 'react';
import { keyturnStore } from '../../store';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * The window's own shortcuts: Ctrl/Cmd+L lock, Ctrl/Cmd+F or / search, Ctrl/Cmd+N add a token,
 * Ctrl/Cmd+, settings, Ctrl/Cmd+K the command palette.
 * None of them acts while a dialog is open (the dialog owns the keyboard then).
 */
export function useVaultKeys(searchRef: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const store = keyturnStore.getState();
      if (store.dialog !== null) return;
      const isMod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (isMod && key === 'l') {
        event.preventDefault();
        void store.lock();
      } else if ((isMod && key === 'f') || (event.key === '/' && !isTyping(event.target))) {
        event.preventDefault();
        store.setScreen('vault');
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (isMod && key === 'k') {
        event.preventDefault();
        store.setPaletteOpen(true);
      } else if (isMod && event.key === ',') {
        event.preventDefault();
        store.setScreen('settings');
      } else if (isMod && key === 'n') {
        event.preventDefault();
        const view = store.view;
        store.openDialog({ kind: 'add-token', environmentId: view.kind === 'environment' ? view.environmentId : null });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [searchRef]);
}
