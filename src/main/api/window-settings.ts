/**
 * settings:get and settings:set: the settings main applies, stored sealed in the vault under the
 * keys main already reads (index.ts: idle lock, clipboard clearing, tray favourites). A value
 * that is missing or unreadable reads as its default.
 */
import { KeyturnError } from '../../shared/errors';
import type { ParsedInput } from '../../shared/ipc';
import { THEMES, type Theme, type WindowSettings } from '../../shared/ipc-window-admin-channels';
import type { Vault } from '../vault/types';
import type { AppContext } from './context';

export const SETTING_KEYS = {
  lockIdleMinutes: 'lock.idleMinutes',
  clipboardClearSeconds: 'clipboard.clearAfterSeconds',
  theme: 'ui.theme',
  trayPinnedTokenIds: 'tray.pinnedTokenIds',
} as const;

/** The same defaults as electron/idle-lock.ts and electron/clipboard.ts (a test checks they agree). */
export const SETTING_DEFAULTS = { lockIdleMinutes: 10, clipboardClearSeconds: 20, theme: 'system' } as const;

export async function readSettings(vault: Vault, context: AppContext): Promise<WindowSettings> {
  const deviceUnlock = (await context.deviceUnlock?.state(vault)) ?? 'unavailable';
  const theme = vault.getSetting(SETTING_KEYS.theme);
  return {
    lockIdleMinutes: positive(vault.getSetting(SETTING_KEYS.lockIdleMinutes), SETTING_DEFAULTS.lockIdleMinutes),
    clipboardClearSeconds: positive(
      vault.getSetting(SETTING_KEYS.clipboardClearSeconds),
      SETTING_DEFAULTS.clipboardClearSeconds,
    ),
    theme: THEMES.find((known): known is Theme => known === theme) ?? SETTING_DEFAULTS.theme,
    trayPinnedTokenIds: (vault.getSetting(SETTING_KEYS.trayPinnedTokenIds) ?? '').split(',').filter((id) => id !== ''),
    deviceUnlock,
  };
}

/** Checks everything first (pinned tokens must exist), then writes: a refused change writes nothing. */
export function writeSettings(vault: Vault, patch: ParsedInput<'settings:set'>): void {
  for (const id of patch.trayPinnedTokenIds ?? []) {
    try {
      vault.getToken(id);
    } catch {
      throw new KeyturnError('NOT_FOUND', 'A token to pin no longer exists; nothing was saved.');
    }
  }
  if (patch.lockIdleMinutes !== undefined)
    vault.setSetting(SETTING_KEYS.lockIdleMinutes, String(patch.lockIdleMinutes));
  if (patch.clipboardClearSeconds !== undefined)
    vault.setSetting(SETTING_KEYS.clipboardClearSeconds, String(patch.clipboardClearSeconds));
  if (patch.theme !== undefined) vault.setSetting(SETTING_KEYS.theme, patch.theme);
  if (patch.trayPinnedTokenIds !== undefined)
    vault.setSetting(SETTING_KEYS.trayPinnedTokenIds, [...new Set(patch.trayPinnedTokenIds)].join(','));
}

function positive(text: string | null, fallback: number): number {
  const value = Number(text);
  return text !== null && Number.isFinite(value) && value > 0 ? value : fallback;
}
