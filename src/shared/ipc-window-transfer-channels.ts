/**
 * The window's import, export and backups (issue 13). Files are chosen in main's native dialogs:
 * the window never sends a path. A chosen file stays in main behind a handle (an opaque id the
 * window passes back), so the window can show a preview and then apply it. Plain-text export needs
 * the user's acknowledgement that the file holds secrets in clear; a backup export, a restore over
 * the current vault and nothing else re-check the master password in main. Spread into
 * IPC_CONTRACT; see docs/gui.md.
 *
 * No output holds a secret, with one exception: a restore that makes a vault answers its new
 * recovery key, shown once (as vault:create does).
 */
import { z } from 'zod';
import { ENV_FORMATS } from './env-format';
import type { OutputOf, VaultStatus } from './ipc';
import type { RestoreCounts } from './ipc-cli-channels';
import { channel } from './lazy-channel';

function output<T>(): OutputOf<T> {
  return {};
}

const id = () => z.string().min(1).max(200);
const handle = () => z.string().min(1).max(100);
const currentPassword = () => z.string().min(1).max(1024);
const newSecretText = () => z.string().min(8).max(1024);

export type ImportOutcome = 'new' | 'same' | 'changed' | 'skipped';

export interface ImportPreviewVariable {
  /** The line the variable's (last) definition starts on; null if it cannot be placed. */
  readonly line: number | null;
  readonly name: string;
  /** new: added; same: the token holds this value; changed: another value (replaced only with overwrite). */
  readonly outcome: ImportOutcome;
  /** Why it is skipped, as a sentence; null otherwise. */
  readonly reason: string | null;
}

export interface ImportPreview {
  readonly chosen: true;
  readonly handle: string;
  /** The chosen file's name, without its folder. */
  readonly fileName: string;
  readonly environmentId: string;
  readonly tenantName: string;
  readonly environmentName: string;
  readonly variables: readonly ImportPreviewVariable[];
  /** Lines that are not blank, not a comment and not a variable: left out, with the reason. */
  readonly unreadLines: readonly { readonly line: number; readonly reason: string }[];
  readonly counts: Readonly<Record<ImportOutcome, number>>;
}

export interface ImportApplied {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
}

export type NotChosen = { readonly chosen: false };
export type NotSaved = { readonly saved: false };
export type Saved<T = object> = { readonly saved: true; readonly path: string } & T;

export interface BackupChosen {
  readonly chosen: true;
  readonly handle: string;
  readonly fileName: string;
  readonly bytes: number;
}

export interface VaultCounts {
  readonly tenants: number;
  readonly environments: number;
  readonly tokens: number;
}

export interface BackupContents {
  /** When the backup was made, epoch ms. */
  readonly createdAt: number;
  readonly backup: VaultCounts;
  /** What a replace would remove: the vault as it is now; null when there is no unlocked vault. */
  readonly current: VaultCounts | null;
}

export interface RestoredVault {
  readonly status: VaultStatus;
  readonly restored: RestoreCounts;
  /** The restored vault's recovery key, shown once (a restore makes a new vault file). */
  readonly recoveryKey: string;
  /** Where the replaced vault file was kept (encrypted, as it was); null for a new vault. */
  readonly previousFile: string | null;
}

export const WINDOW_TRANSFER_CHANNELS = {
  /** Opens main's file dialog for a .env file and previews its import into the environment. */
  'import:choose': channel(() => z.object({ environmentId: id() }).strict(), output<ImportPreview | NotChosen>()),
  /** Writes the previewed import in one transaction; `overwrite` replaces the changed values too. */
  'import:apply': channel(
    () => z.object({ handle: handle(), overwrite: z.boolean() }).strict(),
    output<ImportApplied>(),
  ),
  'import:discard': channel(() => z.object({ handle: handle() }).strict(), output<{ readonly discarded: boolean }>()),
  /** The environment's live tokens in clear, through main's save dialog; the file is only the user's (0600). */
  'export:environment': channel(
    () =>
      z.object({ environmentId: id(), format: z.enum(ENV_FORMATS), plaintextAcknowledged: z.literal(true) }).strict(),
    output<Saved<{ readonly tokens: number; readonly skipped: number }> | NotSaved>(),
  ),
  /** An encrypted backup of the whole vault, through main's save dialog. */
  'backup:save': channel(
    () => z.object({ currentPassword: currentPassword(), passphrase: newSecretText() }).strict(),
    output<Saved<{ readonly tenants: number; readonly tokens: number }> | NotSaved>(),
  ),
  /** Opens main's file dialog for a backup file; its text stays in main behind the handle. */
  'backup:choose': channel(() => z.object({}).strict(), output<BackupChosen | NotChosen>()),
  /** Opens the chosen backup with its passphrase and says what it holds and what a replace removes. */
  'backup:inspect': channel(
    () => z.object({ handle: handle(), passphrase: z.string().min(1).max(1024) }).strict(),
    output<BackupContents>(),
  ),
  /** No vault yet: makes one from the backup with a new master password. */
  'backup:restore-new': channel(
    () =>
      z.object({ handle: handle(), passphrase: z.string().min(1).max(1024), newPassword: newSecretText() }).strict(),
    output<RestoredVault>(),
  ),
  /**
   * Replaces the unlocked vault with the backup's contents. `replacing` repeats what the user was
   * told would go (backup:inspect's `current`); if the vault changed since, nothing happens.
   */
  'backup:replace': channel(
    () =>
      z
        .object({
          handle: handle(),
          passphrase: z.string().min(1).max(1024),
          currentPassword: currentPassword(),
          replacing: z
            .object({
              tenants: z.number().int().nonnegative(),
              environments: z.number().int().nonnegative(),
              tokens: z.number().int().nonnegative(),
            })
            .strict(),
        })
        .strict(),
    output<RestoredVault>(),
  ),
  /** Saves the recovery key shown last (at creation, replacement or restore) to a file; main still holds it. */
  'recovery-key:save': channel(() => z.object({}).strict(), output<Saved | NotSaved>()),
  /** Copies the same key through main's clipboard, cleared like a copied token and at lock. */
  'recovery-key:copy': channel(
    () => z.object({}).strict(),
    output<{ readonly clearsAt: number; readonly clearAfterMs: number }>(),
  ),
} as const;
