/**
 * settings:set: checks everything first (pinned tokens exist, the shortcut is a usable accelerator
 * and free), then writes and applies. A refused change writes nothing; a shortcut another app holds
 * is refused before anything is stored, and the previous one stays registered.
 */
import { acceleratorProblem } from '../../shared/accelerator';
import { KeyturnError } from '../../shared/errors';
import type { SettingsPatch } from '../../shared/window-settings';
import type { Vault } from '../vault/types';
import type { SettingsEffects } from './settings-effects';
import { readStoredSettings, SETTING_KEYS, type StoredSettings } from './window-settings';

export function writeSettings(vault: Vault, patch: SettingsPatch, effects: SettingsEffects | undefined): void {
  const before = readStoredSettings((key) => vault.getSetting(key));
  checkPins(vault, patch.trayPinnedTokenIds ?? []);
  const shortcut = patch.globalShortcut;
  const isNewShortcut = shortcut !== undefined && shortcut !== before.globalShortcut;
  if (isNewShortcut && shortcut !== null) {
    const problem = acceleratorProblem(shortcut);
    if (problem !== null) throw new KeyturnError('INVALID_INPUT', `${problem} Nothing was saved.`);
  }
  if (isNewShortcut) effects?.setGlobalShortcut(shortcut);
  try {
    for (const [key, value] of settingWrites(patch, before)) vault.setSetting(key, value);
  } catch (cause) {
    if (isNewShortcut) effects?.setGlobalShortcut(before.globalShortcut);
    throw cause;
  }
  if (patch.theme !== undefined) effects?.setTheme(patch.theme);
}

function checkPins(vault: Vault, ids: readonly string[]): void {
  for (const id of ids) {
    try {
      vault.getToken(id);
    } catch {
      throw new KeyturnError('NOT_FOUND', 'A token to pin no longer exists; nothing was saved.');
    }
  }
}

/** The stored text of each changed setting; records merge with what was stored. */
function settingWrites(patch: SettingsPatch, before: StoredSettings): [string, string][] {
  const writes: [string, string][] = [];
  const put = (key: string, value: string | number | boolean | undefined): void => {
    if (value !== undefined) writes.push([key, String(value)]);
  };
  put(SETTING_KEYS.lockIdleMinutes, patch.lockIdleMinutes);
  put(SETTING_KEYS.lockOnSleep, patch.lockOnSleep);
  put(SETTING_KEYS.lockOnScreenLock, patch.lockOnScreenLock);
  put(SETTING_KEYS.clipboardClearSeconds, patch.clipboardClearSeconds);
  if (patch.reminderLeadDays !== undefined)
    put(SETTING_KEYS.reminderLeadDays, JSON.stringify({ ...before.reminderLeadDays, ...patch.reminderLeadDays }));
  if (patch.notifications !== undefined)
    put(SETTING_KEYS.notifications, JSON.stringify({ ...before.notifications, ...patch.notifications }));
  put(SETTING_KEYS.theme, patch.theme);
  if (patch.globalShortcut !== undefined) put(SETTING_KEYS.globalShortcut, patch.globalShortcut ?? '');
  if (patch.trayPinnedTokenIds !== undefined)
    put(SETTING_KEYS.trayPinnedTokenIds, [...new Set(patch.trayPinnedTokenIds)].join(','));
  return writes;
}
