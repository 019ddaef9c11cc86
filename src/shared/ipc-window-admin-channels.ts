/**
 * The window's settings, audit viewer and the actions that change the vault's protection.
 * Each protection change takes the current master password, which main checks again itself
 * (DESIGN §5): the window's word that the user knows it is never enough.
 * Spread into IPC_CONTRACT; see docs/gui.md.
 */
import { z } from 'zod';
import type { OutputOf } from './ipc';
import type { AuditEntryView, AuditVerdictView } from './ipc-cli-channels';
import { channel } from './lazy-channel';
import { AUDIT_ACTIONS } from './model';
import { buildSettingsPatch, type DeviceUnlockState, type WindowSettings } from './window-settings';

function output<T>(): OutputOf<T> {
  return {};
}

// Built inside each channel's lazy schema, not at import (the CLI loads this contract on every start).
const noInput = () => z.object({}).strict();
const currentPassword = () => z.string().min(1).max(1024);
const newPassword = () => z.string().min(8).max(1024);
const id = () => z.string().min(1).max(200);

/** The most tokens the tray menu holds pinned. */
export const MAX_TRAY_PINS = 50;

export interface TrayPins {
  /** Pinned tokens in menu order; tokens deleted since are left out. */
  readonly trayPinnedTokenIds: readonly string[];
}

export { THEMES, type DeviceUnlockState, type Theme, type WindowSettings } from './window-settings';

/**
 * Who made an entry: the window, the tray, a `keyturn` command (itself or through the app), or the
 * app's scheduler (rotations, reminders, reconciling after unlock).
 */
export const AUDIT_SOURCES = ['window', 'tray', 'cli', 'scheduler'] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

export interface AuditRow extends AuditEntryView {
  /** The subject in words: a token's `tenant/environment/label`, a tenant's name; null if none or gone. */
  readonly subject: string | null;
  /** Null where the entry does not say (the vault's own entries: unlock, lock, password changes; older entries). */
  readonly source: AuditSource | null;
  /** The subject's tenant, environment and token names, each null where it has none (or it is gone). */
  readonly tenantName: string | null;
  readonly environmentName: string | null;
  readonly tokenLabel: string | null;
}

export type AuditVerdictInWords = AuditVerdictView & {
  /** "Intact: 12,345 entries", or where and why the chain breaks. */
  readonly inWords: string;
};

export interface AuditPage {
  /** Entries matching the filter, newest first. */
  readonly total: number;
  readonly offset: number;
  readonly entries: readonly AuditRow[];
}

export const WINDOW_ADMIN_CHANNELS = {
  'password:change': channel(
    () => z.object({ currentPassword: currentPassword(), newPassword: newPassword() }).strict(),
    output<{ readonly changed: true }>(),
  ),
  /** The old recovery key stops working; the new one is shown once. */
  'recovery-key:replace': channel(
    () => z.object({ currentPassword: currentPassword() }).strict(),
    output<{ readonly recoveryKey: string }>(),
  ),
  'device-unlock:set': channel(
    () =>
      z.discriminatedUnion('enabled', [
        z.object({ enabled: z.literal(true), currentPassword: currentPassword() }).strict(),
        z.object({ enabled: z.literal(false) }).strict(),
      ]),
    output<{ readonly deviceUnlock: DeviceUnlockState }>(),
  ),
  'settings:get': channel(() => noInput(), output<WindowSettings>()),
  'settings:set': channel(() => buildSettingsPatch(), output<WindowSettings>()),
  /** Tray favourites: pinned tokens come first in the tray menu, in this order. Each answers the new order. */
  'tray:pin': channel(() => z.object({ tokenId: id() }).strict(), output<TrayPins>()),
  'tray:unpin': channel(() => z.object({ tokenId: id() }).strict(), output<TrayPins>()),
  /** The same pinned tokens in a new order (a permutation of the current pins). */
  'tray:reorder': channel(() => z.object({ tokenIds: z.array(id()).max(MAX_TRAY_PINS) }).strict(), output<TrayPins>()),
  'audit:query': channel(
    () =>
      z
        .object({
          tokenId: z.string().min(1).max(200).optional(),
          actions: z.array(z.enum(AUDIT_ACTIONS)).max(AUDIT_ACTIONS.length).optional(),
          sources: z.array(z.enum(AUDIT_SOURCES)).max(AUDIT_SOURCES.length).optional(),
          from: z.number().int().nonnegative().optional(),
          to: z.number().int().nonnegative().optional(),
          offset: z.number().int().min(0).default(0),
          limit: z.number().int().min(1).max(500).default(100),
        })
        .strict(),
    output<AuditPage>(),
  ),
  /** audit:verify with the verdict in words, for the audit viewer. */
  'audit:verdict': channel(() => noInput(), output<AuditVerdictInWords>()),
} as const;
