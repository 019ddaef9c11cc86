/**
 * Channels only the window uses, beyond the ones it shares with the CLI: records by id (the window
 * knows ids from the outline and the list), the windowed token query, the detail pane, removal with
 * its impact, connection forms and tests, pending rotations and the guided manual rotation, and the
 * unlock by recovery key. Spread into IPC_CONTRACT. KEYTURN_ACTIONS (keyturn-api.ts) says which
 * channels the window may call; see docs/gui.md.
 *
 * No output here holds a secret. Inputs may (a pasted token to recognise, a manual rotation's new
 * value, the recovery key): they go to main and are not echoed in any answer or error.
 */
import { z } from 'zod';
import type { OutputOf, VaultStatus } from './ipc';
import type { LifecycleResult } from './ipc-cli-channels';
import { EXPIRY_TOO_LATE, LATEST_EXPIRY_MS } from './expiry-bounds';
import { channel } from './lazy-channel';
import {
  ENVIRONMENT_KINDS,
  PROVIDER_IDS,
  TOKEN_KINDS,
  type EnvironmentView,
  type TenantView,
  type TokenView,
} from './model';
import type {
  ConnectionTest,
  ProviderForm,
  RemovalImpact,
  RemovedTokens,
  RotationView,
  TokenDetail,
  TokenRecognition,
  TokenWindow,
  VaultOutline,
} from './window-views';

function output<T>(): OutputOf<T> {
  return {};
}

// Parts are built inside each channel's lazy schema (see lazy-channel.ts), not at import: the CLI
// loads this contract on every start and parses one or two channels.
const noInput = () => z.object({}).strict();
const id = () => z.string().min(1).max(200);
const name = () => z.string().min(1).max(200);
const secret = () => z.string().min(1).max(65_536);
const newPassword = () => z.string().min(8).max(1024);

export const TOKEN_SORTS = ['label', 'expiry', 'recent'] as const;
export type TokenSort = (typeof TOKEN_SORTS)[number];
/** The most rows one answer carries: a screenful or two, never the whole list. */
export const MAX_WINDOW_ROWS = 500;

const tokenView = () =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }).strict(),
    z.object({ kind: z.literal('expiring') }).strict(),
    z.object({ kind: z.literal('tenant'), tenantId: id() }).strict(),
    z.object({ kind: z.literal('environment'), environmentId: id() }).strict(),
  ]);

export type TokenWindowView = z.infer<ReturnType<typeof tokenView>>;

const rotationPolicy = () =>
  z
    .object({
      everyDays: z.number().int().min(1).max(3650).optional(),
      daysBeforeExpiry: z.number().int().min(0).max(3650).optional(),
      graceMinutes: z.number().int().min(0).max(525_600).optional(),
    })
    .strict()
    .nullable();

const formCredential = () =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('password'), username: z.string().min(1).max(500), password: secret() }).strict(),
    z.object({ kind: z.literal('token'), token: secret() }).strict(),
    z.object({ kind: z.literal('none') }).strict(),
    /** The credential already stored for this environment and provider (the window never sees it). */
    z.object({ kind: z.literal('stored') }).strict(),
  ]);

export const WINDOW_CHANNELS = {
  'vault:recover': channel(
    () => z.object({ recoveryKey: z.string().min(1).max(200), newPassword: newPassword() }).strict(),
    output<VaultStatus>(),
  ),
  'vault:outline': channel(() => noInput(), output<VaultOutline>()),
  'tokens:window': channel(
    () =>
      z
        .object({
          view: tokenView().default({ kind: 'all' }),
          text: z.string().max(200).default(''),
          sort: z.enum(TOKEN_SORTS).default('label'),
          offset: z.number().int().min(0).max(10_000_000).default(0),
          limit: z.number().int().min(1).max(MAX_WINDOW_ROWS).default(100),
        })
        .strict(),
    output<TokenWindow>(),
  ),
  'tenant:rename': channel(() => z.object({ tenantId: id(), name: name() }).strict(), output<TenantView>()),
  'tenant:removal': channel(() => z.object({ tenantId: id() }).strict(), output<RemovalImpact>()),
  'tenant:delete': channel(
    () => z.object({ tenantId: id(), expectedTokens: z.number().int().min(0) }).strict(),
    output<RemovedTokens>(),
  ),
  'environment:update': channel(
    () =>
      z
        .object({ environmentId: id(), name: name().optional(), kind: z.enum(ENVIRONMENT_KINDS).optional() })
        .strict()
        .refine((patch) => patch.name !== undefined || patch.kind !== undefined, 'Give a new name or kind'),
    output<EnvironmentView>(),
  ),
  'environment:removal': channel(() => z.object({ environmentId: id() }).strict(), output<RemovalImpact>()),
  'environment:delete': channel(
    () => z.object({ environmentId: id(), expectedTokens: z.number().int().min(0) }).strict(),
    output<RemovedTokens>(),
  ),
  'token:recognise': channel(() => z.object({ secret: secret() }).strict(), output<TokenRecognition>()),
  'token:detail': channel(() => z.object({ tokenId: id() }).strict(), output<TokenDetail>()),
  'token:update': channel(
    () =>
      z
        .object({
          tokenId: id(),
          label: z.string().min(1).max(500).optional(),
          kind: z.enum(TOKEN_KINDS).optional(),
          /** null clears a user-given expiry. */
          expiresAt: z.number().int().nonnegative().max(LATEST_EXPIRY_MS, EXPIRY_TOO_LATE).nullable().optional(),
          tags: z.array(z.string().min(1).max(100)).max(50).optional(),
          notes: z.string().max(10_000).optional(),
          rotationPolicy: rotationPolicy().optional(),
        })
        .strict(),
    output<TokenView>(),
  ),
  'token:delete': channel(
    () => z.object({ tokenId: id(), leaveLiveKeys: z.boolean().default(false) }).strict(),
    output<{ readonly removed: string }>(),
  ),
  'providers:forms': channel(() => noInput(), output<readonly ProviderForm[]>()),
  'connection:test': channel(
    () =>
      z
        .object({
          environmentId: id(),
          provider: z.enum(PROVIDER_IDS),
          baseUrl: z.string().min(1).max(2000),
          settings: z.record(z.string().min(1).max(100), z.string().max(2000)).default({}),
          credential: formCredential(),
        })
        .strict(),
    output<ConnectionTest>(),
  ),
  'rotations:list': channel(() => noInput(), output<readonly RotationView[]>()),
  'rotation:retry': channel(() => z.object({ journalId: id() }).strict(), output<LifecycleResult>()),
  'rotation:manual-confirm': channel(() => z.object({ journalId: id() }).strict(), output<RotationView>()),
} as const;
