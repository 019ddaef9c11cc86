/**
 * Events main pushes to the window (webContents.send), each with its schema; the types are
 * inferred from the schemas. Payloads are views: never a secret. Schemas are built on first use.
 */
import { z } from 'zod';
import { buildCliApprovalsChanged } from './cli-approval';
import { ERROR_CODES } from './errors';

const id = () => z.string().min(1);
const nullableId = () => z.string().min(1).nullable();

function buildSessionChanged() {
  return z
    .object({
      state: z.enum(['locked', 'unlocked']),
      reason: z.enum(['user', 'idle', 'suspend', 'screen-lock', 'unlock']),
    })
    .strict();
}

export const ROTATION_STEPS = [
  'planned',
  'created',
  'tested',
  'promoted',
  'discarding',
  'awaiting-confirmation',
  'revoke-failed',
  'done',
  'abandoned',
] as const;

function buildLifecycleProgress() {
  const about = {
    journalId: id(),
    operation: z.enum(['create', 'rotate', 'revoke', 'manual-rotate']),
    tokenId: nullableId(),
    label: z.string(),
    environmentId: z.string(),
    at: z.number(),
  };
  return z.discriminatedUnion('kind', [
    /** A journal step was committed (or the run started at it). */
    z
      .object({
        ...about,
        kind: z.literal('step'),
        step: z.enum(ROTATION_STEPS),
        title: z.string(),
        next: z.string().nullable(),
      })
      .strict(),
    /** A provider call is about to start ("Asking Satori to create the new key"). */
    z.object({ ...about, kind: z.literal('call'), call: z.string(), title: z.string() }).strict(),
    /** A transient provider error: queued and retried; nothing is lost. */
    z
      .object({
        ...about,
        kind: z.literal('pending'),
        reason: z.string(),
        retryAfterSeconds: z.number().nullable(),
        next: z.string(),
      })
      .strict(),
    /** Done with the new key; the old one stays valid until `until` (the grace period). */
    z.object({ ...about, kind: z.literal('waiting'), until: z.number(), next: z.string() }).strict(),
    /** Ended without the change; the message says why and what stays as it was. */
    z.object({ ...about, kind: z.literal('failed'), reason: z.string(), next: z.string() }).strict(),
    /** The user must act: paste a new value, confirm an old key is revoked, or revoke by hand. */
    z.object({ ...about, kind: z.literal('needs-user'), message: z.string() }).strict(),
  ]);
}

/** The scheduler's events as main's lifecycle/scheduler-events.ts defines them (checked there). */
function buildSchedulerNotice() {
  const error = z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    retryAfterSeconds: z.number().optional(),
  });
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('reminder-due'), tokenId: id(), label: z.string(), expiresAt: z.number() }),
    z.object({ type: z.literal('locked-reminder-due'), count: z.number(), before: z.number() }),
    z.object({ type: z.literal('session-refreshed'), tokenId: id() }),
    z.object({ type: z.literal('rotation-done'), tokenId: nullableId(), journalId: id() }),
    z.object({
      type: z.literal('rotation-failed'),
      tokenId: nullableId(),
      journalId: nullableId(),
      reason: z.string(),
    }),
    z.object({ type: z.literal('rotation-needs-user'), tokenId: nullableId(), journalId: id(), message: z.string() }),
    z.object({
      type: z.literal('revoke-retried'),
      tokenId: nullableId(),
      journalId: id(),
      keyId: z.string(),
      attempts: z.number(),
    }),
    z.object({
      type: z.literal('revoke-still-failing'),
      tokenId: nullableId(),
      journalId: id(),
      keyId: z.string(),
      attempts: z.number(),
      reason: z.string(),
      retryAt: z.number(),
    }),
    z.object({ type: z.literal('work-pending'), task: z.string(), error, retryAt: z.number() }),
  ]);
}

export const VAULT_CHANGE_SCOPES = ['tokens', 'structure', 'rotations', 'settings'] as const;

function buildVaultChanged() {
  return z
    .object({
      /** Counts up with every change main tells of; compare with TokenWindow.revision. */
      revision: z.number().int().nonnegative(),
      /** tokens: rows changed; structure: tenants, environments or connections; rotations: pending work. */
      scope: z.enum(VAULT_CHANGE_SCOPES),
    })
    .strict();
}

/** The global shortcut was pressed: main showed the window; the window opens its command palette. */
function buildPaletteOpen() {
  return z.object({}).strict();
}

function lazy<S extends z.ZodType>(build: () => S): () => S {
  let schema: S | undefined;
  return () => (schema ??= build());
}

/** Event channel → its payload schema (built on first use). */
export const WINDOW_EVENT_SCHEMAS = {
  'session:changed': lazy(buildSessionChanged),
  'lifecycle:progress': lazy(buildLifecycleProgress),
  'scheduler:event': lazy(buildSchedulerNotice),
  'vault:changed': lazy(buildVaultChanged),
  /** Terminals waiting for the user's approval (the app link, docs/cli.md). */
  'cli-approvals:changed': lazy(buildCliApprovalsChanged),
  'palette:open': lazy(buildPaletteOpen),
} as const;

export type WindowEventName = keyof typeof WINDOW_EVENT_SCHEMAS;
export type WindowEventPayload<E extends WindowEventName> = z.infer<ReturnType<(typeof WINDOW_EVENT_SCHEMAS)[E]>>;

export type SessionChangedEvent = WindowEventPayload<'session:changed'>;
export type LifecycleProgressEvent = WindowEventPayload<'lifecycle:progress'>;
export type SchedulerNotice = WindowEventPayload<'scheduler:event'>;
export type VaultChangedEvent = WindowEventPayload<'vault:changed'>;
export type { CliApprovalsChangedEvent } from './cli-approval';
export type VaultChangeScope = (typeof VAULT_CHANGE_SCOPES)[number];

export const WINDOW_EVENTS = Object.keys(WINDOW_EVENT_SCHEMAS) as readonly WindowEventName[];
