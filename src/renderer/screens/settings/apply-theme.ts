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

/** Applies the stored theme once the vault is open (settings live sealed in the vault). */
export function useStoredTheme(): void {
  const revision = useKeyturnStore((state) => state.dataRevision);
  useEffect(() => {
    void window.keyturn.getSettings({}).then((result) => {
      if (result.ok) applyTheme(result.value.theme);
    });
  }, [revision]);
}
