import { useCallback, useEffect, useState } from 'react';
import type { SettingsPatch, WindowSettings } from '../../../shared/window-settings';
import { useKeyturnStore } from '../../store';
import { applyTheme } from './apply-theme';

export interface SettingsState {
  readonly settings: WindowSettings | null;
  /** Main's sentence when loading or the last save failed. */
  readonly error: string | null;
  /** What the last save changed, in words ("Saved: auto-lock"), for the status line. */
  readonly saved: string | null;
  save(patch: SettingsPatch, what: string): Promise<boolean>;
}

function withPatch(settings: WindowSettings, patch: SettingsPatch): WindowSettings {
  const { reminderLeadDays, notifications, ...flat } = patch;
  return {
    ...settings,
    ...flat,
    reminderLeadDays: { ...settings.reminderLeadDays, ...reminderLeadDays },
    notifications: { ...settings.notifications, ...notifications },
  };
}

/**
 * The settings as main stores them: loaded when the screen opens and again when anything changes
 * them (another window, the tray, the CLI); every save is one settings:set, applied by main at once.
 */
export function useSettings(): SettingsState {
  const revision = useKeyturnStore((state) => state.dataRevision);
  const [settings, setSettings] = useState<WindowSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    let isCurrent = true;
    void window.keyturn.getSettings({}).then((result) => {
      if (!isCurrent) return;
      if (result.ok) setSettings(result.value);
      else setError(result.error.message);
    });
    return () => {
      isCurrent = false;
    };
  }, [revision]);

  const save = useCallback(async (patch: SettingsPatch, what: string): Promise<boolean> => {
    // Shown at once (a switch must not spring back while main saves), put back if main refuses.
    let before: WindowSettings | null = null;
    setSettings((current) => {
      before = current;
      return current === null ? null : withPatch(current, patch);
    });
    const result = await window.keyturn.updateSettings(patch);
    if (!result.ok) {
      setSettings(before);
      setError(result.error.message);
      setSaved(null);
      return false;
    }
    setSettings(result.value);
    applyTheme(result.value.theme);
    setError(null);
    setSaved(`Saved: ${what}`);
    return true;
  }, []);

  return { settings, error, saved, save };
}
