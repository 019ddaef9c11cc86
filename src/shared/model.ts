/**
 * The vault's model as callers see it: plain, serialisable, never a secret.
 * Times are epoch milliseconds. Ids are opaque strings.
 */
export const ENVIRONMENT_KINDS = ['production', 'staging', 'development', 'test', 'custom'] as const;
export type EnvironmentKind = (typeof ENVIRONMENT_KINDS)[number];

export const TOKEN_KINDS = [
  'api-key',
  'session',
  'personal-access-token',
  'satellite-token',
  'admin-key',
  'manual',
] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export const VERSION_STATUSES = ['current', 'pending', 'previous', 'revoked'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const EXPIRY_SOURCES = ['provider', 'jwt', 'user'] as const;
export type ExpirySource = (typeof EXPIRY_SOURCES)[number];

export const PROVIDER_IDS = ['syft-space', 'syfthub', 'satori', 'haut-ai', 'synaptask', 'manual'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** `never`: the provider says the key has no expiry; `unknown`: nobody says when it expires. */
export const EXPIRY_STATES = ['fresh', 'expiring', 'expired', 'revoked', 'never', 'unknown'] as const;
export type ExpiryState = (typeof EXPIRY_STATES)[number];

/** What the audit log records; `recovery-key-replaced` when a new recovery key replaced the old one. */
export const AUDIT_ACTIONS = [
  'unlock',
  'unlock-failed',
  'lock',
  'password-changed',
  'recovery-key-replaced',
  'reveal',
  'copy',
  'create',
  'update',
  'delete',
  'rotate',
  'revoke',
  'import',
  'export',
  'verify',
  'device-unlock-enabled',
  'device-unlock-disabled',
  /** A terminal's session approved, denied or left unanswered for the app link (detail says which). */
  'cli-approval',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface RotationPolicy {
  /** Rotate every N days after the current version was created. */
  readonly everyDays?: number;
  /** Rotate N days before expiry. */
  readonly daysBeforeExpiry?: number;
  /** Keep the previous key alive this long after promotion before revoking it. */
  readonly graceMinutes?: number;
}

export interface TenantView {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
}

export interface EnvironmentView {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly kind: EnvironmentKind;
  readonly createdAt: number;
}

/** Token metadata: everything a list, a search or a tray menu needs, and no secret. */
export interface TokenView {
  readonly id: string;
  readonly tenantId: string;
  readonly environmentId: string;
  readonly label: string;
  readonly kind: TokenKind;
  readonly provider: ProviderId;
  readonly connectionId: string | null;
  /** The provider's id of the current key (Satori uuid, Haut.AI int, SyftHub int), if any. */
  readonly providerKeyId: string | null;
  readonly expiresAt: number | null;
  readonly expirySource: ExpirySource | null;
  readonly lastVerifiedAt: number | null;
  readonly lastUsedAt: number | null;
  readonly rotationPolicy: RotationPolicy | null;
  readonly tags: readonly string[];
  readonly notes: string;
  readonly revoked: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface VersionView {
  readonly id: string;
  readonly tokenId: string;
  readonly status: VersionStatus;
  readonly providerKeyId: string | null;
  readonly expiresAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface ConnectionView {
  readonly id: string;
  readonly tenantId: string;
  readonly environmentId: string;
  readonly provider: ProviderId;
  readonly baseUrl: string;
  /** Provider-side ids and options: Satori tenant_id, Haut.AI company_id, Syft Space tenant name. */
  readonly settings: Readonly<Record<string, string>>;
  readonly credentialKind: 'password' | 'token' | 'none';
  readonly createdAt: number;
}
