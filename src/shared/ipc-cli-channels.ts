/**
 * Channels the `keyturn` CLI needs beyond the window's: records by name (references are names),
 * the lifecycle operations, audit, import/export. Spread into IPC_CONTRACT, so every caller
 * (Electron IPC, the browser bridge, the CLI) gets the same parsed input and Result.
 * The preload does not expose them (KEYTURN_ACTIONS lists what the window may do).
 *
 * Outputs never hold a secret except `token:secret` and `environment:secrets` (the purpose of
 * get / env / export, each value audited) and `backup:export` (sealed under the passphrase).
 */
import { z } from 'zod';
import { EXPIRY_TOO_LATE, LATEST_EXPIRY_MS } from './expiry-bounds';
import { channel } from './lazy-channel';
import type { OutputOf, TokenListItem } from './ipc';
import {
  ENVIRONMENT_KINDS,
  EXPIRY_STATES,
  PROVIDER_IDS,
  TOKEN_KINDS,
  type ConnectionView,
  type EnvironmentView,
  type ProviderId,
  type TenantView,
  type TokenView,
  type VersionView,
} from './model';

function output<T>(): OutputOf<T> {
  return {};
}

const noInput = z.object({}).strict();
const name = z.string().min(1).max(200);
const label = z.string().min(1).max(500);
const secret = z.string().min(1).max(65_536);
const envRef = { tenant: name, environment: name };
// Compound parts are built inside each channel's lazy schema (see lazy-channel.ts), not at import.
const tokenRef = () => z.object({ tenant: name, environment: name, label }).strict();
/** A token by id (the window, the tray) or by reference (the CLI). */
const tokenSelector = () =>
  z.union([z.object({ tokenId: z.string().min(1).max(200) }).strict(), z.object({ ref: tokenRef() }).strict()]);
const credential = () =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('password'), username: z.string().min(1).max(500), password: secret }).strict(),
    z.object({ kind: z.literal('token'), token: secret }).strict(),
    z.object({ kind: z.literal('none') }).strict(),
  ]);

export const SECRET_PURPOSES = ['get', 'copy', 'run', 'env', 'export', 'reveal'] as const;
export type SecretPurpose = (typeof SECRET_PURPOSES)[number];

export type TokenSelector = z.infer<ReturnType<typeof tokenSelector>>;

/** An unfinished journal entry as the locked file shows it (no names: those are sealed). */
export interface UnfinishedJournalView {
  readonly journalId: string;
  readonly tokenId: string | null;
  readonly operation: string;
  readonly step: string;
  readonly updatedAt: number;
  /** A live process (another `keyturn`, or the app) is working on it right now. */
  readonly running: boolean;
}

export interface VaultSummary {
  readonly path: string;
  readonly schemaVersion: number;
  readonly tenantCount: number;
  readonly tokenCount: number;
  /** Not revoked and already past expiry: state `expired`, as lists show it. */
  readonly expired: number;
  /** Not revoked, not expired, within its kind's lead time: state `expiring`, as lists show it. */
  readonly expiring: number;
  /** Not revoked and expiring before now + withinDays (expired ones included). */
  readonly expiringWithin: number;
  /** Unfinished lifecycle journal entries (`keyturn reconcile` finishes them). */
  readonly unfinished: readonly UnfinishedJournalView[];
}

export interface TenantListItem extends TenantView {
  readonly environmentCount: number;
}

export interface EnvironmentListItem extends EnvironmentView {
  readonly tenantName: string;
}

export interface FreshSecretView {
  readonly tokenId: string;
  readonly secret: string;
  readonly expiresAt: number | null;
  readonly refreshed: boolean;
}

export interface EnvironmentSecret {
  readonly tokenId: string;
  /** The variable name (from the label, see env-name.ts); unique within the environment. */
  readonly name: string;
  readonly secret: string;
}

/** What connecting learnt from the provider: verified, or kept unverified because it could not be reached. */
export interface ConnectionCheckView {
  readonly status: 'verified' | 'unverified';
  /** Who the credential signs in as, when the provider says. */
  readonly identity: string | null;
  /** Things to know although it works (the server's sign-in flow, an unprotected server). */
  readonly notes: readonly string[];
  /** Why it could not be verified (offline, a 5xx), when unverified. */
  readonly reason: string | null;
}

/** A live token `env`/`export` left out, and why (an expired value is never handed out). */
export interface SkippedSecret {
  readonly tokenId: string;
  readonly label: string;
  readonly reason: string;
}

/** Every live token of an environment that has a usable value, and those left out. */
export interface EnvironmentSecrets {
  readonly entries: readonly EnvironmentSecret[];
  readonly skipped: readonly SkippedSecret[];
}

export interface RemovedToken {
  readonly removed: string;
  readonly label: string;
}

export interface RemovedConnection {
  readonly removed: string;
  readonly provider: ProviderId;
  /** Tokens that were bound to it and are now bound to no connection. */
  readonly unbound: number;
}

export interface ConnectionSet {
  readonly connection: ConnectionView;
  readonly created: boolean;
  readonly check: ConnectionCheckView;
}

/** One line of `keyturn doctor`: what was tried against the provider and how it went. */
export interface DoctorCheckView {
  readonly name: string;
  readonly status: 'ok' | 'warn' | 'fail' | 'skip';
  readonly detail: string;
}

export interface DoctorReport {
  readonly provider: ProviderId;
  readonly baseUrl: string;
  /** False when any check failed. */
  readonly ok: boolean;
  readonly checks: readonly DoctorCheckView[];
}

/** What reconcile (or a command, before its own work) did with one unfinished journal entry. */
export interface ReconciledView {
  readonly journalId: string;
  readonly operation: string;
  /** `tenant/env/label`; for a `create` that never stored its token, the label it was for. */
  readonly ref: string;
  /** The step it stood at, and how it ended up. */
  readonly from: string;
  readonly status: 'done' | 'failed' | 'waiting' | 'pending' | 'needs-user' | 'busy';
  /** What happened or what to do, in a sentence (never a secret). */
  readonly message: string | null;
}

/**
 * A lifecycle run that finished (`done`), waits out the previous key's grace period (`waiting`),
 * needs the new value pasted (`needs-value`: a provider without a token API), promoted a pasted
 * value and waits for the user to confirm the old key is revoked (`awaiting-confirmation`), or
 * found the token revoked already (`already-revoked`).
 */
export interface LifecycleResult {
  readonly status: 'done' | 'waiting' | 'needs-value' | 'awaiting-confirmation' | 'already-revoked';
  readonly journalId: string | null;
  readonly token: TokenView | null;
  readonly previousRevokedAfter: number | null;
  /** What to do next, or what happened besides, in a sentence; null when there is nothing to say. */
  readonly message: string | null;
  /** Unfinished entries of this token finished (or discarded) first. */
  readonly settled: readonly ReconciledView[];
}

export interface ReconcileResult {
  readonly entries: readonly ReconciledView[];
  readonly orphansRevoked: number;
  readonly revokeFailed: number;
  /** Entries still open afterwards (pending, waiting for the user, or held by a live process). */
  readonly unfinished: number;
  readonly errors: readonly { readonly code: string; readonly message: string }[];
}

export interface VerifyView {
  readonly valid: true;
  readonly identity: string | null;
  /** What the user should know although the secret works (the server accepts any key). */
  readonly notes: readonly string[];
  readonly token: TokenView;
}

export interface AuditEntryView {
  readonly seq: number;
  readonly at: number;
  readonly action: string;
  readonly subjectId: string | null;
  readonly detail: string;
}

export type AuditVerdictView =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly entries: number; readonly firstBrokenSeq: number; readonly reason: string };

export interface ImportCounts {
  readonly added: number;
  readonly updated: number;
  readonly skipped: number;
}

export interface RestoreCounts {
  readonly tenants: number;
  readonly environments: number;
  readonly connections: number;
  readonly tokens: number;
  readonly skipped: number;
}

export interface SealedBackup {
  /** The backup file's text, sealed under the passphrase. */
  readonly backup: string;
  readonly tenants: number;
  readonly tokens: number;
}

export const CLI_CHANNELS = {
  'vault:summary': channel(
    () => z.object({ withinDays: z.number().int().min(0).max(3650).default(7) }).strict(),
    output<VaultSummary>(),
  ),
  'vault:change-password': channel(
    () => z.object({ newPassword: z.string().min(8, 'must have at least 8 characters').max(1024) }).strict(),
    output<{ readonly changed: true }>(),
  ),
  'tenants:list': channel(() => noInput, output<readonly TenantListItem[]>()),
  'tenant:add': channel(() => z.object({ name }).strict(), output<TenantView>()),
  'tenant:remove': channel(
    () => z.object({ tenant: name }).strict(),
    output<{ readonly removed: string; readonly name: string }>(),
  ),
  'environments:list': channel(
    () => z.object({ tenant: name.optional() }).strict(),
    output<readonly EnvironmentListItem[]>(),
  ),
  'environment:add': channel(
    () => z.object({ tenant: name, name, kind: z.enum(ENVIRONMENT_KINDS).optional() }).strict(),
    output<EnvironmentView>(),
  ),
  'environment:remove': channel(() => z.object(envRef).strict(), output<{ readonly removed: string }>()),
  'token:add': channel(
    () =>
      z
        .object({
          ...envRef,
          label,
          secret,
          provider: z.enum(PROVIDER_IDS).optional(),
          kind: z.enum(TOKEN_KINDS).optional(),
          expiresAt: z.number().int().nonnegative().max(LATEST_EXPIRY_MS, EXPIRY_TOO_LATE).optional(),
          tags: z.array(z.string().min(1).max(100)).max(50).default([]),
          notes: z.string().max(10_000).default(''),
        })
        .strict(),
    output<TokenView>(),
  ),
  'tokens:query': channel(
    () =>
      z
        .object({
          tenant: name.optional(),
          environment: name.optional(),
          status: z.enum(EXPIRY_STATES).optional(),
          expiringWithinDays: z.number().int().min(0).max(36_500).optional(),
        })
        .strict()
        .refine((q) => q.environment === undefined || q.tenant !== undefined, {
          message: 'An environment is named within a tenant: give the tenant too.',
          path: ['environment'],
        }),
    output<readonly (TokenListItem & { readonly ref: string })[]>(),
  ),
  'token:remove': channel(
    () => z.object({ token: tokenSelector(), force: z.boolean().default(false) }).strict(),
    output<RemovedToken>(),
  ),
  'token:rename': channel(() => z.object({ token: tokenSelector(), label }).strict(), output<TokenView>()),
  'token:history': channel(() => z.object({ token: tokenSelector() }).strict(), output<readonly VersionView[]>()),
  'token:secret': channel(
    () => z.object({ token: tokenSelector(), purpose: z.enum(SECRET_PURPOSES) }).strict(),
    output<FreshSecretView>(),
  ),
  'token:copy-fresh': channel(
    () =>
      z.object({ token: tokenSelector(), clearAfterSeconds: z.number().int().min(1).max(86_400).optional() }).strict(),
    output<{ readonly tokenId: string; readonly clearsAt: number; readonly clearAfterMs: number }>(),
  ),
  'environment:secrets': channel(
    () => z.object({ ...envRef, purpose: z.enum(['env', 'export']) }).strict(),
    output<EnvironmentSecrets>(),
  ),
  'connection:set': channel(
    () =>
      z
        .object({
          ...envRef,
          provider: z.enum(PROVIDER_IDS),
          baseUrl: z.string().min(1).max(2000),
          settings: z.record(z.string().min(1).max(100), z.string().max(2000)).default({}),
          credential: credential(),
        })
        .strict(),
    output<ConnectionSet>(),
  ),
  'connection:doctor': channel(
    () =>
      z
        .object({ ...envRef, provider: z.enum(PROVIDER_IDS).optional(), lifecycle: z.boolean().default(false) })
        .strict(),
    output<DoctorReport>(),
  ),
  'connection:remove': channel(
    () =>
      z.object({ ...envRef, provider: z.enum(PROVIDER_IDS).optional(), force: z.boolean().default(false) }).strict(),
    output<RemovedConnection>(),
  ),
  'token:create': channel(
    () =>
      z
        .object({
          ...envRef,
          label,
          provider: z.enum(PROVIDER_IDS).optional(),
          /** The new key's expiry; else one from its rotation policy, else the provider's default. */
          expiresAt: z.number().int().nonnegative().optional(),
        })
        .strict(),
    output<LifecycleResult>(),
  ),
  /** `newValue`: the value the user made in the provider's UI, for a token rotated by hand. */
  'token:rotate': channel(
    () => z.object({ token: tokenSelector(), newValue: secret.optional() }).strict(),
    output<LifecycleResult>(),
  ),
  'token:revoke': channel(() => z.object({ token: tokenSelector() }).strict(), output<LifecycleResult>()),
  /** The user revoked the old key in the provider's UI after a manual rotation. */
  'token:confirm': channel(() => z.object({ token: tokenSelector() }).strict(), output<LifecycleResult>()),
  'journals:reconcile': channel(() => noInput, output<ReconcileResult>()),
  'token:verify': channel(() => z.object({ token: tokenSelector() }).strict(), output<VerifyView>()),
  'audit:list': channel(
    () => z.object({ limit: z.number().int().min(1).max(100_000).default(50) }).strict(),
    output<readonly AuditEntryView[]>(),
  ),
  'audit:verify': channel(() => noInput, output<AuditVerdictView>()),
  'import:dotenv': channel(
    () =>
      z
        .object({
          ...envRef,
          entries: z
            .array(z.tuple([z.string().min(1).max(500), secret]))
            .min(1)
            .max(200_000),
          provider: z.enum(PROVIDER_IDS).optional(),
          overwrite: z.boolean().default(false),
        })
        .strict(),
    output<ImportCounts>(),
  ),
  'backup:export': channel(
    () => z.object({ passphrase: z.string().min(1).max(1024) }).strict(),
    output<SealedBackup>(),
  ),
  'backup:restore': channel(
    () =>
      z
        .object({
          backup: z
            .string()
            .min(1)
            .max(512 * 1024 * 1024),
          passphrase: z.string().min(1).max(1024),
        })
        .strict(),
    output<RestoreCounts>(),
  ),
} as const;
