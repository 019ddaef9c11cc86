import { useEffect } from 'react';
import type { Theme } from '../../../shared/window-settings';
import { useKeyturnStore } from '../../store';

/**
 * The theme setting on the page: `<html data-theme>` picks light or dark (styles/theme.css);
 * 'system' removes it so `prefers-color-scheme` decides. In Electron main also sets nativeTheme,
 * so the OS frame and the page agree.
 */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/**
 * What the window takes from the stored settings once the vault is open and after every change
 * (settings live sealed in the vault): the theme, and the tray pins the token menus show.
 */
export function useStoredSettings(): void {
  const revision = useKeyturnStore((state) => state.dataRevision);
  const setPinnedTokenIds = useKeyturnStore((state) => state.setPinnedTokenIds);
  useEffect(() => {
    void window.keyturn.getSettings({}).then((result) => {
      if (!result.ok) return;
      applyTheme(result.value.theme);
      setPinnedTokenIds(result.value.trayPinnedTokenIds);
    });
  }, [revision, setPinnedTokenIds]);
}
