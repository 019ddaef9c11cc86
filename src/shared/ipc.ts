/**
 * The IPC contract: every channel's input schema and output type, in one map.
 * Main's handlers, the preload's API and the browser test bridge are all generic over it,
 * so a channel cannot drift between sides. Imports nothing process-specific.
 *
 * Outputs are views and never hold a secret, with deliberate exceptions: `token:reveal`
 * (explicit user action, audited), the CLI's channels that exist to hand values out
 * (ipc-cli-channels.ts), and the recovery key, returned once by whatever makes one
 * (`vault:create`, `recovery-key:replace`, a backup restore) so the user can write it down.
 */
import { z } from 'zod';
import { channel } from './lazy-channel';
import type { Result } from './errors';
import { CLI_APPROVAL_CHANNELS } from './cli-approval';
import { CLI_CHANNELS } from './ipc-cli-channels';
import { WINDOW_ADMIN_CHANNELS } from './ipc-window-admin-channels';
import { WINDOW_CHANNELS } from './ipc-window-channels';
import { WINDOW_TRANSFER_CHANNELS } from './ipc-window-transfer-channels';
import type { EnvironmentKind, ExpiryState, TokenView } from './model';

/** Carries an output type at the type level only; it has no runtime content. */
export interface OutputOf<T> {
  readonly __output?: T;
}

function output<T>(): OutputOf<T> {
  return {};
}

const noInput = z.object({}).strict();
// Their messages are sentences built from the rule and the field's name (shared/input-sentences.ts).
const password = z.string().min(1).max(1024);
const newPassword = z.string().min(8).max(1024);
const tokenId = z.string().min(1).max(200);

/** Why a vault file cannot be opened: damaged, written by a newer Keyturn, or not readable at all. */
export type VaultFileProblem = 'corrupt' | 'too-new' | 'unreadable';

/**
 * What the locked screen and the tray need; `missing` means no vault file yet, `unreadable` a file
 * Keyturn cannot open (the message says what is wrong, the advice what to do).
 */
export type VaultStatus =
  | { readonly state: 'missing'; readonly path: string }
  | {
      readonly state: 'unreadable';
      readonly path: string;
      readonly problem: VaultFileProblem;
      readonly message: string;
      readonly advice: string;
    }
  | { readonly state: 'locked'; readonly tokenCount: number; readonly expiringSoon: number }
  | { readonly state: 'unlocked'; readonly tokenCount: number; readonly expiringSoon: number };

/** A token as lists show it: its metadata plus where it lives and its expiry state. */
export interface TokenListItem extends TokenView {
  readonly tenantName: string;
  readonly environmentName: string;
  readonly environmentKind: EnvironmentKind;
  readonly expiryState: ExpiryState;
}

export interface CreatedVault {
  readonly status: VaultStatus;
  /** Shown once, never stored in clear: the only way back in without the password. */
  readonly recoveryKey: string;
}

export interface CopyReceipt {
  /** When the clipboard will be cleared (if it still holds the value), epoch ms, main's clock. */
  readonly clearsAt: number;
  /** The delay until then, so the window need not compare clocks. */
  readonly clearAfterMs: number;
}

export interface RevealedSecret {
  readonly tokenId: string;
  readonly secret: string;
}

export const IPC_CONTRACT = {
  'vault:status': channel(() => noInput, output<VaultStatus>()),
  'vault:create': {
    // kdf 'floor' (m=64 MiB t=3) is the user's choice of a faster unlock (`keyturn init --kdf floor`).
    input: z.object({ password: newPassword, kdf: z.enum(['calibrate', 'floor']).optional() }).strict(),
    output: output<CreatedVault>(),
  },
  'vault:unlock': channel(() => z.object({ password }).strict(), output<VaultStatus>()),
  'vault:lock': channel(() => noInput, output<VaultStatus>()),
  'tokens:list': channel(() => noInput, output<readonly TokenListItem[]>()),
  'tokens:search': channel(() => z.object({ query: z.string().max(200) }).strict(), output<readonly TokenListItem[]>()),
  'token:copy': channel(() => z.object({ tokenId }).strict(), output<CopyReceipt>()),
  'token:reveal': channel(() => z.object({ tokenId }).strict(), output<RevealedSecret>()),
  ...CLI_CHANNELS,
  ...WINDOW_CHANNELS,
  ...WINDOW_ADMIN_CHANNELS,
  ...WINDOW_TRANSFER_CHANNELS,
  ...CLI_APPROVAL_CHANNELS,
} as const;

export type IpcContract = typeof IPC_CONTRACT;
export type Channel = keyof IpcContract;
export const CHANNELS = Object.keys(IPC_CONTRACT) as readonly Channel[];

/** What a caller may pass (before defaults and transforms). */
export type ChannelInput<C extends Channel> = z.input<IpcContract[C]['input']>;
/** What a handler receives after parsing. */
export type ParsedInput<C extends Channel> = z.output<IpcContract[C]['input']>;
export type ChannelOutput<C extends Channel> = IpcContract[C]['output'] extends OutputOf<infer T> ? T : never;
export type ChannelResult<C extends Channel> = Result<ChannelOutput<C>>;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(IPC_CONTRACT, value);
}
