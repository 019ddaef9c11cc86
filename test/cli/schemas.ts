/** zod schemas for everything `keyturn --json` prints: scripts rely on these shapes. */
import { z } from 'zod';
import {
  ENVIRONMENT_KINDS,
  ERROR_CODES_FOR_TESTS,
  EXPIRY_STATES,
  PROVIDER_IDS,
  TOKEN_KINDS,
  VERSION_STATUSES,
} from './schema-enums';

const id = z.string().min(1);
const time = z.number().int();

export const errorOutput = z
  .object({ error: z.object({ code: z.enum(ERROR_CODES_FOR_TESTS), message: z.string().min(1) }).loose() })
  .strict();
export const initOutput = z.object({ path: z.string(), recoveryKey: z.string().min(20) }).strict();
export const tenant = z.object({ id, name: z.string(), createdAt: time }).loose();
export const tenantList = z.array(tenant.extend({ environments: z.number().int() }));
export const environment = z
  .object({ id, tenantId: id, name: z.string(), kind: z.enum(ENVIRONMENT_KINDS), createdAt: time })
  .loose();
export const environmentList = z.array(environment.extend({ tenant: z.string() }));
export const token = z
  .object({
    id,
    tenantId: id,
    environmentId: id,
    label: z.string(),
    kind: z.enum(TOKEN_KINDS),
    provider: z.enum(PROVIDER_IDS),
    connectionId: id.nullable(),
    providerKeyId: z.string().nullable(),
    expiresAt: time.nullable(),
    revoked: z.boolean(),
    tags: z.array(z.string()),
  })
  .loose();
export const tokenList = z.array(token.extend({ ref: z.string(), expiryState: z.enum(EXPIRY_STATES) }));
export const getOutput = z.object({ ref: z.string(), secret: z.string(), expiresAt: time.nullable() }).strict();
export const statusOutput = z
  .object({
    path: z.string(),
    schemaVersion: z.number().int(),
    locked: z.literal(true),
    tenants: z.number().int(),
    tokens: z.number().int(),
    expiring: z.number().int(),
    expired: z.number().int(),
    unfinished: z.array(
      z
        .object({
          journalId: id,
          tokenId: id.nullable(),
          operation: z.enum(['create', 'rotate', 'revoke', 'manual-rotate']),
          step: z.string(),
          updatedAt: time,
          running: z.boolean(),
        })
        .strict(),
    ),
  })
  .strict();
export type StatusOutput = z.infer<typeof statusOutput>;
export const versionList = z.array(
  z
    .object({
      id,
      tokenId: id,
      status: z.enum(VERSION_STATUSES),
      providerKeyId: z.string().nullable(),
      expiresAt: time.nullable(),
      createdAt: time,
    })
    .loose(),
);
export const auditList = z.array(
  z
    .object({
      seq: z.number().int(),
      at: time,
      action: z.string(),
      subjectId: z.string().nullable(),
      detail: z.string(),
    })
    .loose(),
);
export const auditVerdict = z.union([
  z.object({ ok: z.literal(true), entries: z.number().int() }).strict(),
  z
    .object({ ok: z.literal(false), entries: z.number().int(), firstBrokenSeq: z.number().int(), reason: z.string() })
    .strict(),
]);
export const removed = z.object({ removed: id }).loose();
export const passwdOutput = z.object({ changed: z.literal(true) }).strict();
export const lockOutput = z.object({ locked: z.literal(true), clipboardCleared: z.boolean() }).strict();
export const copyOutput = z.object({ ref: z.string(), clearsAt: time, tool: z.string() }).strict();
export const connection = z
  .object({
    id,
    tenantId: id,
    environmentId: id,
    provider: z.enum(PROVIDER_IDS),
    baseUrl: z.string(),
    credentialKind: z.enum(['password', 'token', 'none']),
  })
  .loose();
const reconciled = z
  .object({
    journalId: id,
    operation: z.enum(['create', 'rotate', 'revoke', 'manual-rotate']),
    ref: z.string(),
    from: z.string(),
    status: z.enum(['done', 'failed', 'waiting', 'pending', 'needs-user', 'busy']),
    message: z.string().nullable(),
  })
  .strict();
export const lifecycleOutput = z
  .object({
    status: z.enum(['done', 'waiting', 'needs-value', 'awaiting-confirmation', 'already-revoked']),
    journalId: id.nullable(),
    token: token.nullable(),
    previousRevokedAfter: time.nullable(),
    message: z.string().nullable(),
    settled: z.array(reconciled),
  })
  .strict();
export const reconcileOutput = z
  .object({
    entries: z.array(reconciled),
    orphansRevoked: z.number().int(),
    revokeFailed: z.number().int(),
    unfinished: z.number().int(),
    errors: z.array(z.object({ code: z.string(), message: z.string() }).strict()),
  })
  .strict();
export const verifyOutput = z
  .object({ valid: z.literal(true), identity: z.string().nullable(), notes: z.array(z.string()), token })
  .strict();
export const importOutput = z
  .object({ added: z.number().int(), updated: z.number().int(), skipped: z.number().int() })
  .strict();
export const envJson = z.record(z.string(), z.string());

/** Parses the single JSON line a command printed. */
export function parseJson<T>(schema: z.ZodType<T>, text: string): T {
  return schema.parse(JSON.parse(text));
}
