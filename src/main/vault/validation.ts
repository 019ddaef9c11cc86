/**
 * Input schemas: the CLI and IPC pass user data straight through, so every vault method parses
 * its arguments here first. Messages name the field, never the value (it may be a secret).
 */
import { z } from 'zod';
import { KeyturnError } from '../../shared/errors';
import { EXPIRY_TOO_LATE, LATEST_EXPIRY_MS } from '../../shared/expiry-bounds';
import { describeInputIssues } from '../../shared/input-sentences';
import { findInvisibleCharacter, invisibleCharacterRule } from '../../shared/invisible-characters';
import { ENVIRONMENT_KINDS, EXPIRY_SOURCES, PROVIDER_IDS, TOKEN_KINDS, VERSION_STATUSES } from '../../shared/model';
import { AUDIT_ACTIONS, ROTATION_OPERATIONS } from './types';

const MAX_NAME_LENGTH = 200;

// Schemas a `keyturn get` never parses are built on first use (z.lazy): each zod schema (and each
// `.min()` or `.max()` step) is an object with dozens of methods, and building them all was ~3 ms
// of every cold start. `get` parses only ids, plain strings and the audit entry of a use.
const MAX_TEXT_LENGTH = 20_000;
const MAX_SECRET_LENGTH = 64 * 1024;

/**
 * A name (tenant, environment, label, tag): 1..200 characters after trimming, NFC, no control
 * characters, and no invisible or direction-changing characters (a bidi override makes one name
 * look like another; see shared/invisible-characters.ts).
 */
export const nameSchema = z.lazy(() =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`)
        .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters')
        .superRefine((name, ctx) => {
          const found = findInvisibleCharacter(name);
          if (found !== null) ctx.addIssue({ code: 'custom', message: invisibleCharacterRule(found) });
        }),
    ),
);

/**
 * A tenant or environment name: a name without "/", which separates the parts of a reference
 * (`tenant/env/label`). A tenant "a/b" was accepted, then no reference could name it.
 */
export const segmentNameSchema = z.lazy(() =>
  nameSchema.refine(
    (s) => !s.includes('/'),
    'must not contain "/" (references use it between tenant, environment and label)',
  ),
);

export const idSchema = z.string().min(1).max(64);
/** A stored time: epoch milliseconds that print as a date (see expiry-bounds.ts). */
export const timeSchema = z.lazy(() =>
  z.number().int().nonnegative('must not be before 1970').max(LATEST_EXPIRY_MS, EXPIRY_TOO_LATE).nullable(),
);
export const secretSchema = z.lazy(() => z.string().min(1, 'must not be empty').max(MAX_SECRET_LENGTH));
const textSchema = z.lazy(() =>
  z
    .string()
    .max(MAX_TEXT_LENGTH)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters'),
);
const tagsSchema = z.lazy(() => z.array(nameSchema).max(100));

export const rotationPolicySchema = z.lazy(() =>
  z
    .strictObject({
      everyDays: z.number().int().positive().max(3650).optional(),
      daysBeforeExpiry: z.number().int().nonnegative().max(3650).optional(),
      graceMinutes: z.number().int().nonnegative().max(525_600).optional(),
    })
    .nullable(),
);

export const environmentKindSchema = z.lazy(() => z.enum(ENVIRONMENT_KINDS));
export const versionStatusSchema = z.lazy(() => z.enum(VERSION_STATUSES));

export const newTokenSchema = z.lazy(() =>
  z.strictObject({
    environmentId: idSchema,
    label: nameSchema,
    kind: z.enum(TOKEN_KINDS),
    provider: z.enum(PROVIDER_IDS),
    secret: secretSchema,
    connectionId: idSchema.nullable().optional(),
    providerKeyId: z.string().max(MAX_NAME_LENGTH).nullable().optional(),
    expiresAt: timeSchema.optional(),
    expirySource: z.enum(EXPIRY_SOURCES).nullable().optional(),
    rotationPolicy: rotationPolicySchema.optional(),
    tags: tagsSchema.optional(),
    notes: textSchema.optional(),
  }),
);

export const tokenPatchSchema = z.lazy(() =>
  z.strictObject({
    label: nameSchema.optional(),
    kind: z.enum(TOKEN_KINDS).optional(),
    connectionId: idSchema.nullable().optional(),
    providerKeyId: z.string().max(MAX_NAME_LENGTH).nullable().optional(),
    expiresAt: timeSchema.optional(),
    expirySource: z.enum(EXPIRY_SOURCES).nullable().optional(),
    lastVerifiedAt: timeSchema.optional(),
    rotationPolicy: rotationPolicySchema.optional(),
    tags: tagsSchema.optional(),
    notes: textSchema.optional(),
    revoked: z.boolean().optional(),
  }),
);

export const auditActionSchema = z.enum(AUDIT_ACTIONS);
/** Audit detail is sealed free text, bounded so one entry cannot bloat the log. */
export const auditDetailSchema = z.string().max(2000);
/** The audit entry recordUse appends with the use (its subject is the token). */
export const useAuditSchema = z.strictObject({ action: auditActionSchema, detail: auditDetailSchema });
/** When a token was used: a timestamp, never null. */
export const useTimeSchema = z.number().int().nonnegative();

export const versionOptionsSchema = z.lazy(() =>
  z
    .strictObject({
      status: versionStatusSchema.optional(),
      providerKeyId: z.string().max(MAX_NAME_LENGTH).nullable().optional(),
      expiresAt: timeSchema.optional(),
    })
    .optional(),
);

export const credentialSchema = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('password'), username: z.string().max(1000), password: secretSchema }),
    z.strictObject({ kind: z.literal('token'), token: secretSchema }),
    z.strictObject({ kind: z.literal('none') }),
  ]),
);

const settingsSchema = z.lazy(() => z.record(z.string().min(1).max(100), z.string().max(2000)));
const baseUrlSchema = z.lazy(() => z.url().max(2000));

export const newConnectionSchema = z.lazy(() =>
  z.strictObject({
    tenantId: idSchema,
    environmentId: idSchema,
    provider: z.enum(PROVIDER_IDS),
    baseUrl: baseUrlSchema,
    settings: settingsSchema,
    credential: credentialSchema,
  }),
);

export const connectionPatchSchema = z.lazy(() =>
  z.strictObject({
    baseUrl: baseUrlSchema.optional(),
    settings: settingsSchema.optional(),
    credential: credentialSchema.optional(),
  }),
);

export const journalInputSchema = z.lazy(() =>
  z.strictObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
    tokenId: idSchema.nullable(),
    operation: z.enum(ROTATION_OPERATIONS),
    state: z.string().min(1).max(100),
    data: z.record(z.string(), z.unknown()),
  }),
);

export const settingKeySchema = z.lazy(() =>
  z
    .string()
    .min(1)
    .max(100)
    .regex(/^[\w.:-]+$/),
);
export const settingValueSchema = z.lazy(() => z.string().max(MAX_TEXT_LENGTH));
/** A provider session kept for a connection: a few tokens of JSON. */
export const connectionSessionSchema = z.lazy(() => z.string().min(1).max(65_536));

/** Parses or throws INVALID_INPUT: a sentence naming the field and the rule (never the value). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 1).map((issue) => ({ ...issue, path: [what, ...issue.path] }));
  throw new KeyturnError('INVALID_INPUT', describeInputIssues(issues, { [what]: value }));
}
