/**
 * Rotation journal states. The vault stores `state` (the step) in plaintext and the rest as sealed
 * JSON; this module is the schema of both, and the only place that turns them into a typed union.
 */
import { z } from 'zod';
import { assertNever } from '../../shared/errors';
import { corrupt } from '../vault/crypto';
import { ROTATION_OPERATIONS, type JournalEntry } from '../vault/types';

function buildRotationSchema() {
  const context = {
    /** Null until a `create` has stored its token. */
    tokenId: z.string().nullable(),
    connectionId: z.string().nullable(),
    label: z.string(),
    environmentId: z.string(),
    /** The version that was current when the rotation was planned, and its provider key id. */
    previousVersionId: z.string().nullable(),
    previousKeyId: z.string().nullable(),
    graceMinutes: z.number().nonnegative(),
    /** For `create`: the rotation policy the new token gets. */
    rotationPolicy: z
      .object({
        everyDays: z.number().positive().optional(),
        daysBeforeExpiry: z.number().nonnegative().optional(),
        graceMinutes: z.number().nonnegative().optional(),
      })
      .nullable()
      .default(null),
    /** For `create`: the key's expiry the user chose (else one from the policy, else the provider's default). */
    keyExpiresAt: z.number().nullable().optional(),
    /** The last transient error (a message, never a secret), shown as "pending" to the user. */
    lastError: z.string().nullable().default(null),
    /**
     * Whether the new secret passed the provider's check: null until tested, false when it was
     * promoted without one (no verify call for this provider, or no connection to make it).
     */
    verified: z.boolean().nullable().default(null),
  };

  const newKey = { newVersionId: z.string(), newKeyId: z.string().nullable() };

  return z.discriminatedUnion('step', [
    z.object({ step: z.literal('planned'), ...context }),
    z.object({ step: z.literal('created'), ...context, ...newKey }),
    z.object({ step: z.literal('tested'), ...context, ...newKey }),
    z.object({ step: z.literal('promoted'), ...context, ...newKey, promotedAt: z.number() }),
    /** The new key failed its test: it is being revoked; the old one stays current. */
    z.object({ step: z.literal('discarding'), ...context, ...newKey, reason: z.string() }),
    /** Manual rotations: the new value is current; waiting for the user to revoke the old one. */
    z.object({ step: z.literal('awaiting-confirmation'), ...context, ...newKey }),
    /** A key that must die could not be revoked: retried on every start, shown until it is gone. */
    z.object({
      step: z.literal('revoke-failed'),
      ...context,
      keyId: z.string(),
      versionId: z.string().nullable(),
      message: z.string(),
      /** Where the journal goes once the key is gone ('planned' lets a revoke continue with the next key). */
      then: z.enum(['done', 'abandoned', 'planned']),
      /** Why the journal ends `abandoned` once the key is gone (the new key's failed test…); absent in older journals. */
      reason: z.string().optional(),
    }),
    z.object({ step: z.literal('done'), ...context }),
    z.object({ step: z.literal('abandoned'), ...context, reason: z.string() }),
  ]);
}

/**
 * Built on first parse: most processes (a `keyturn get`) never read a journal, and building this
 * union of nine object schemas is a few milliseconds of a cold start.
 */
export const rotationSchema = z.lazy(buildRotationSchema);

export type Rotation = z.infer<typeof rotationSchema>;

/** Said wherever a value was promoted without the provider's check. */
export const UNVERIFIED_NOTICE = 'Keyturn could not verify the new value (this provider has no check).';
export type RotationStep = Rotation['step'];
export type RotationContext = Omit<Extract<Rotation, { step: 'planned' }>, 'step'>;

export interface JournalRecord {
  readonly id: string;
  readonly tokenId: string | null;
  readonly operation: (typeof ROTATION_OPERATIONS)[number];
  readonly rotation: Rotation;
}

/**
 * The typed record of a journal entry. Its data opened (the vault checked the seal), so an entry
 * that is still not a record Keyturn writes (an unknown step, a field missing) is a damaged vault
 * record: VAULT_CORRUPT naming the entry, as when the seal fails, never the schema's issue list.
 */
export function parseJournal(entry: JournalEntry): JournalRecord {
  const parsed = rotationSchema.safeParse({ ...entry.data, step: entry.state });
  if (!parsed.success) throw corrupt(`journal entry ${entry.id}`);
  return { id: entry.id, tokenId: entry.tokenId, operation: entry.operation, rotation: parsed.data };
}

/** The journal's split: plaintext state + sealed data. */
export function toJournalFields(rotation: Rotation): { state: string; data: Record<string, unknown> } {
  const { step, ...data } = rotation;
  return { state: step, data };
}

export function isFinished(step: RotationStep): boolean {
  return step === 'done' || step === 'abandoned';
}

/** What the user sees for each state, and what (if anything) they should do. */
export function describeRotation(rotation: Rotation): { title: string; action: string | null } {
  switch (rotation.step) {
    case 'planned':
      return { title: 'Rotation planned', action: rotation.lastError ? `Pending: ${rotation.lastError}` : null };
    case 'created':
      return { title: 'New key created, not yet tested', action: null };
    case 'tested':
      return { title: 'New key tested, about to switch', action: null };
    case 'promoted':
      return rotation.graceMinutes > 0
        ? { title: 'Switched to the new key; old key kept during the grace period', action: null }
        : { title: 'Switched to the new key; revoking the old one', action: null };
    case 'discarding':
      return { title: 'New key failed its test; revoking it. The old key stays current', action: null };
    case 'awaiting-confirmation':
      return rotation.verified === false
        ? {
            title: 'New value is current, but could not be verified',
            action: `${UNVERIFIED_NOTICE} Check that it works, revoke the old key in the provider’s web UI, then confirm here`,
          }
        : { title: 'New value is current', action: 'Revoke the old key in the provider’s web UI, then confirm here' };
    case 'revoke-failed':
      return {
        title: 'Revoke failed',
        action: `Keyturn keeps retrying (with backoff, and on every start); or revoke key ${rotation.keyId} in the provider’s UI (${rotation.message})`,
      };
    case 'done':
      return { title: 'Rotation done', action: null };
    case 'abandoned':
      return { title: 'Rotation failed; the old key stays current', action: rotation.reason };
    default:
      return assertNever(rotation);
  }
}
