/**
 * The settings main applies (issue 13, Settings): their view, their kinds and the patch the window
 * sends. Every setting is stored sealed in the vault; main applies a change at once (idle lock,
 * clipboard, tray, theme, global shortcut, reminders, notifications). See docs/gui.md.
 */
import { z } from 'zod';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** 'unavailable': no secure OS keychain here (Linux basic_text), or no keychain at all. */
export type DeviceUnlockState = 'on' | 'off' | 'unavailable';

/**
 * Token kinds whose expiry reminder lead time the user sets, in days. Sessions are refreshed by
 * main minutes before they expire, so their lead time is not a user setting.
 */
export const REMINDER_KINDS = ['api-key', 'personal-access-token', 'satellite-token', 'admin-key', 'manual'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * OS notifications by kind: expiry reminders, rotations done, problems (a rotation that failed or
 * needs the user, a revoke the provider keeps refusing), and terminals asking for approval.
 */
export const NOTIFICATION_KINDS = ['expiry', 'rotation', 'problem', 'cli-approval'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const MAX_REMINDER_LEAD_DAYS = 365;

/** The settings main applies; new ones are added as new fields. */
export interface WindowSettings {
  /** Lock after this many idle minutes; 0: never on idle. */
  readonly lockIdleMinutes: number;
  readonly lockOnSleep: boolean;
  readonly lockOnScreenLock: boolean;
  readonly clipboardClearSeconds: number;
  readonly reminderLeadDays: Readonly<Record<ReminderKind, number>>;
  readonly notifications: Readonly<Record<NotificationKind, boolean>>;
  readonly theme: Theme;
  /** The accelerator that opens the window into the command palette (Electron syntax); null: off. */
  readonly globalShortcut: string | null;
  /** Tokens pinned to the tray menu, in menu order. */
  readonly trayPinnedTokenIds: readonly string[];
  readonly deviceUnlock: DeviceUnlockState;
}

const partialRecord = <K extends string, V extends z.ZodType>(keys: readonly [K, ...K[]], value: () => V) =>
  z.object(Object.fromEntries(keys.map((key) => [key, value().optional()])) as Record<K, z.ZodOptional<V>>).strict();

/** settings:set: only the fields given change; the rest keep their stored values. */
export function buildSettingsPatch() {
  return z
    .object({
      lockIdleMinutes: z.number().int().min(0).max(1440).optional(),
      lockOnSleep: z.boolean().optional(),
      lockOnScreenLock: z.boolean().optional(),
      clipboardClearSeconds: z.number().int().min(5).max(600).optional(),
      reminderLeadDays: partialRecord(REMINDER_KINDS, () =>
        z.number().int().min(1).max(MAX_REMINDER_LEAD_DAYS),
      ).optional(),
      notifications: partialRecord(NOTIFICATION_KINDS, () => z.boolean()).optional(),
      theme: z.enum(THEMES).optional(),
      globalShortcut: z.string().min(1).max(100).nullable().optional(),
      trayPinnedTokenIds: z.array(z.string().min(1).max(200)).max(50).optional(),
    })
    .strict();
}

export type SettingsPatch = z.infer<ReturnType<typeof buildSettingsPatch>>;
