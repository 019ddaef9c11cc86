/**
 * Encrypted backups: every tenant, environment, connection and live token (current secret) as
 * JSON, sealed with XChaCha20-Poly1305 under a key derived by Argon2id from a backup passphrase
 * (m=64 MiB t=3: the vault's floor). The envelope's header is the associated data, so a changed
 * parameter fails to open.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { KeyturnError } from '../../shared/errors';
import { ENVIRONMENT_KINDS, EXPIRY_SOURCES, PROVIDER_IDS, TOKEN_KINDS } from '../../shared/model';
import { seal, tryOpen } from '../vault/crypto';
import { derivePasswordKey } from '../vault/kdf';
import type { RestoreCounts as SharedRestoreCounts } from '../../shared/ipc-cli-channels';
import type { Credential, Vault } from '../vault/types';

const KDF = { memoryKiB: 65_536, passes: 3, parallelism: 1 } as const;

const envelopeSchema = z
  .object({
    format: z.literal('keyturn-backup'),
    version: z.literal(1),
    kdf: z.object({
      memoryKiB: z.number().int().min(65_536).max(1_048_576),
      passes: z.number().int().min(3).max(20),
      parallelism: z.number().int().min(1).max(8),
      salt: z.string(),
    }),
    sealed: z.string(),
  })
  .strict();

const credentialSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('password'), username: z.string(), password: z.string() }),
  z.object({ kind: z.literal('token'), token: z.string() }),
  z.object({ kind: z.literal('none') }),
]);

const tokenSchema = z.object({
  label: z.string(),
  kind: z.enum(TOKEN_KINDS),
  provider: z.enum(PROVIDER_IDS),
  secret: z.string(),
  providerKeyId: z.string().nullable(),
  expiresAt: z.number().nullable(),
  expirySource: z.enum(EXPIRY_SOURCES).nullable(),
  tags: z.array(z.string()),
  notes: z.string(),
});

const payloadSchema = z.object({
  createdAt: z.number(),
  tenants: z.array(
    z.object({
      name: z.string(),
      environments: z.array(
        z.object({
          name: z.string(),
          kind: z.enum(ENVIRONMENT_KINDS),
          connections: z.array(
            z.object({
              provider: z.enum(PROVIDER_IDS),
              baseUrl: z.string(),
              settings: z.record(z.string(), z.string()),
              credential: credentialSchema,
            }),
          ),
          tokens: z.array(tokenSchema),
        }),
      ),
    }),
  ),
});

export type BackupPayload = z.infer<typeof payloadSchema>;

export function buildBackup(vault: Vault, now: number): BackupPayload {
  const tokens = vault.listTokens();
  const connections = vault.listConnections();
  return {
    createdAt: now,
    tenants: vault.listTenants().map((tenant) => ({
      name: tenant.name,
      environments: vault.listEnvironments(tenant.id).map((env) => ({
        name: env.name,
        kind: env.kind,
        connections: connections
          .filter((c) => c.environmentId === env.id)
          .map((c) => ({
            provider: c.provider,
            baseUrl: c.baseUrl,
            settings: { ...c.settings },
            credential: vault.openCredential(c.id) as z.infer<typeof credentialSchema>,
          })),
        tokens: tokens
          .filter((t) => t.environmentId === env.id && !t.revoked)
          .map((t) => ({
            label: t.label,
            kind: t.kind,
            provider: t.provider,
            secret: vault.openSecret(t.id),
            providerKeyId: t.providerKeyId,
            expiresAt: t.expiresAt,
            expirySource: t.expirySource,
            tags: [...t.tags],
            notes: t.notes,
          })),
      })),
    })),
  };
}

function headerAad(kdf: z.infer<typeof envelopeSchema>['kdf']): string {
  return `keyturn-backup/1/${kdf.memoryKiB}/${kdf.passes}/${kdf.parallelism}/${kdf.salt}`;
}

export function sealBackup(payload: BackupPayload, passphrase: string): string {
  const kdf = { ...KDF, salt: randomBytes(16).toString('base64') };
  const key = derivePasswordKey(passphrase, Buffer.from(kdf.salt, 'base64'), kdf);
  try {
    const sealed = seal(key, new TextEncoder().encode(JSON.stringify(payload)), headerAad(kdf));
    return `${JSON.stringify({ format: 'keyturn-backup', version: 1, kdf, sealed: Buffer.from(sealed).toString('base64') })}\n`;
  } finally {
    key.fill(0);
  }
}

export function openBackup(text: string, passphrase: string): BackupPayload {
  let envelope: z.infer<typeof envelopeSchema>;
  try {
    envelope = envelopeSchema.parse(JSON.parse(text));
  } catch {
    throw new KeyturnError('INVALID_INPUT', 'This is not a Keyturn backup file');
  }
  const key = derivePasswordKey(passphrase, Buffer.from(envelope.kdf.salt, 'base64'), envelope.kdf);
  try {
    const plain = tryOpen(key, new Uint8Array(Buffer.from(envelope.sealed, 'base64')), headerAad(envelope.kdf));
    if (plain === null)
      throw new KeyturnError('VAULT_WRONG_PASSWORD', 'Wrong backup passphrase, or the backup is damaged');
    const parsed = payloadSchema.safeParse(JSON.parse(new TextDecoder().decode(plain)));
    if (!parsed.success) throw new KeyturnError('INVALID_INPUT', 'The backup content has an unexpected shape');
    return parsed.data;
  } finally {
    key.fill(0);
  }
}

/** Counted while restoring; returned as the shared (readonly) view. */
type RestoreCounts = { -readonly [K in keyof SharedRestoreCounts]: number };

/** Merges a backup into the vault: what exists (by name) is kept, what is missing is added. */
export function restoreBackup(vault: Vault, payload: BackupPayload, progress: (done: number) => void): RestoreCounts {
  const counts: RestoreCounts = { tenants: 0, environments: 0, connections: 0, tokens: 0, skipped: 0 };
  for (const t of payload.tenants) {
    const tenant = vault.findTenant(t.name) ?? (counts.tenants++, vault.addTenant(t.name));
    for (const e of t.environments) {
      const env =
        vault.findEnvironment(tenant.id, e.name) ??
        (counts.environments++, vault.addEnvironment(tenant.id, e.name, e.kind));
      for (const c of e.connections) {
        if (vault.findConnection(env.id, c.provider)) continue;
        vault.addConnection({
          tenantId: tenant.id,
          environmentId: env.id,
          provider: c.provider,
          baseUrl: c.baseUrl,
          settings: c.settings,
          credential: c.credential as Credential,
        });
        counts.connections += 1;
      }
      for (const k of e.tokens) {
        if (vault.findToken(tenant.name, env.name, k.label)) {
          counts.skipped += 1;
          continue;
        }
        vault.addToken({
          ...k,
          environmentId: env.id,
          connectionId: vault.findConnection(env.id, k.provider)?.id ?? null,
        });
        counts.tokens += 1;
        progress(counts.tokens + counts.skipped);
      }
    }
  }
  return counts;
}
