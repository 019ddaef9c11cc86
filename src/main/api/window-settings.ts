/**
 * The settings main applies, read from the vault (sealed, under the keys below). A value that is
 * missing or unreadable reads as its default, so an older vault or a hand-edited value never
 * breaks a start. Pure over a getter: the handlers, the composition root's appliers (idle lock,
 * clipboard, tray, theme, shortcut, reminders, notifications) and the tests read the same way.
 */
import {
  NOTIFICATION_KINDS,
  REMINDER_KINDS,
  THEMES,
  type NotificationKind,
  type ReminderKind,
  type Theme,
  type WindowSettings,
} from '../../shared/window-settings';
import { DAY_MS, DEFAULT_LEAD_TIMES, type LeadTimes } from '../lifecycle/expiry';
import type { Vault } from '../vault/types';
import type { AppContext } from './context';

export const SETTING_KEYS = {
  lockIdleMinutes: 'lock.idleMinutes',
  lockOnSleep: 'lock.onSleep',
  lockOnScreenLock: 'lock.onScreenLock',
  clipboardClearSeconds: 'clipboard.clearAfterSeconds',
  reminderLeadDays: 'reminders.leadDays',
  notifications: 'notifications.enabled',
  theme: 'ui.theme',
  globalShortcut: 'shortcut.global',
  trayPinnedTokenIds: 'tray.pinnedTokenIds',
} as const;

/** The same defaults as electron/idle-lock.ts, electron/clipboard.ts and lifecycle/expiry.ts (tests check). */
export const SETTING_DEFAULTS = {
  lockIdleMinutes: 10,
  lockOnSleep: true,
  lockOnScreenLock: true,
  clipboardClearSeconds: 20,
  theme: 'system',
  globalShortcut: null,
} as const;

export type StoredSettings = Omit<WindowSettings, 'deviceUnlock'>;
export type SettingReader = (key: string) => string | null;

export function defaultReminderLeadDays(): Record<ReminderKind, number> {
  return Object.fromEntries(REMINDER_KINDS.map((kind) => [kind, DEFAULT_LEAD_TIMES[kind] / DAY_MS])) as Record<
    ReminderKind,
    number
  >;
}

export function readStoredSettings(get: SettingReader): StoredSettings {
  const theme = get(SETTING_KEYS.theme);
  return {
    lockIdleMinutes: wholeNumber(get(SETTING_KEYS.lockIdleMinutes), SETTING_DEFAULTS.lockIdleMinutes),
    lockOnSleep: flag(get(SETTING_KEYS.lockOnSleep), SETTING_DEFAULTS.lockOnSleep),
    lockOnScreenLock: flag(get(SETTING_KEYS.lockOnScreenLock), SETTING_DEFAULTS.lockOnScreenLock),
    clipboardClearSeconds: positive(get(SETTING_KEYS.clipboardClearSeconds), SETTING_DEFAULTS.clipboardClearSeconds),
    reminderLeadDays: numberRecord(get(SETTING_KEYS.reminderLeadDays), defaultReminderLeadDays()),
    notifications: flagRecord(get(SETTING_KEYS.notifications)),
    theme: THEMES.find((known): known is Theme => known === theme) ?? SETTING_DEFAULTS.theme,
    globalShortcut: get(SETTING_KEYS.globalShortcut) || SETTING_DEFAULTS.globalShortcut,
    trayPinnedTokenIds: (get(SETTING_KEYS.trayPinnedTokenIds) ?? '').split(',').filter((id) => id !== ''),
  };
}

export async function readSettings(vault: Vault, context: AppContext): Promise<WindowSettings> {
  const deviceUnlock = (await context.deviceUnlock?.state(vault)) ?? 'unavailable';
  return { ...readStoredSettings((key) => vault.getSetting(key)), trayPinnedTokenIds: livePins(vault), deviceUnlock };
}

/** The stored tray pins that still name a token, in order (a token deleted since is left out). */
export function livePins(vault: Vault): string[] {
  const stored = (vault.getSetting(SETTING_KEYS.trayPinnedTokenIds) ?? '').split(',').filter((id) => id !== '');
  return stored.filter((id) => tokenExists(vault, id));
}

export function tokenExists(vault: Vault, tokenId: string): boolean {
  try {
    vault.getToken(tokenId);
    return true;
  } catch {
    return false;
  }
}

/** The lead times by token kind the user set (sessions keep main's own), for expiry states and reminders. */
export function leadTimesOf(settings: Pick<StoredSettings, 'reminderLeadDays'>): LeadTimes {
  const chosen = Object.fromEntries(REMINDER_KINDS.map((kind) => [kind, settings.reminderLeadDays[kind] * DAY_MS]));
  return { ...DEFAULT_LEAD_TIMES, ...chosen };
}

/** The context's fixed lead times (tests), else the vault's setting. */
export function leadTimesFor(context: AppContext, vault: Vault): LeadTimes {
  return context.leadTimes ?? leadTimesOf(readStoredSettings((key) => vault.getSetting(key)));
}

function positive(text: string | null, fallback: number): number {
  const value = Number(text);
  return text !== null && Number.isFinite(value) && value > 0 ? value : fallback;
}

function wholeNumber(text: string | null, fallback: number): number {
  const value = Number(text);
  return text !== null && text !== '' && Number.isInteger(value) && value >= 0 ? value : fallback;
}

function flag(text: string | null, fallback: boolean): boolean {
  return text === 'true' ? true : text === 'false' ? false : fallback;
}

function parseObject(text: string | null): Record<string, unknown> {
  if (text === null) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function numberRecord<K extends string>(text: string | null, defaults: Record<K, number>): Record<K, number> {
  const stored = parseObject(text);
  const entries = Object.entries(defaults).map(([kind, fallback]) => {
    const value = stored[kind];
    return [kind, typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback];
  });
  return Object.fromEntries(entries) as Record<K, number>;
}

function flagRecord(text: string | null): Record<NotificationKind, boolean> {
  const stored = parseObject(text);
  return Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, stored[kind] !== false])) as Record<
    NotificationKind,
    boolean
  >;
}
