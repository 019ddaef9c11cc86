/**
 * The vault's public surface. `vault/` implements it; `lifecycle/`, `api/` and the CLI build on it.
 * Everything here is synchronous: better-sqlite3 is synchronous and each call is one transaction,
 * committed (synchronous=FULL) when it returns. The exceptions are the `…Async` variants of the
 * calls that run Argon2id (unlock, create, password change): they run the KDF on the libuv thread
 * pool so a long-lived process (the Electron main process) keeps its event loop; the rest of the
 * call, checks before the KDF included, is the same code as the sync variant's.
 *
 * Errors: every method throws `KeyturnError` (src/shared/errors.ts) with a stable code on bad input
 * (INVALID_INPUT, NOT_FOUND, DUPLICATE), on a locked vault (VAULT_LOCKED) or on a damaged record
 * (VAULT_CORRUPT, naming the record but never its content). A refused call changes nothing.
 */
import type { FirstScreenRecord } from './first-screen-codec';
import type { JournalClaim } from './journal-lock';
import type {
  AuditAction,
  ConnectionView,
  EnvironmentKind,
  EnvironmentView,
  ExpirySource,
  ProviderId,
  RotationPolicy,
  TenantView,
  TokenKind,
  TokenView,
  VersionStatus,
  VersionView,
} from '../../shared/model';

/** Argon2id cost. memoryKiB/passes/parallelism are recorded in the vault header with the salt. */
export interface KdfParams {
  readonly memoryKiB: number;
  readonly passes: number;
  readonly parallelism: number;
}

/**
 * Bounds a header must respect before any KDF runs, and the calibration target at creation.
 * Production code always uses PRODUCTION_KDF_POLICY; tests build their own cheap policy.
 */
export interface KdfPolicy {
  readonly floor: KdfParams;
  readonly ceiling: KdfParams;
  /** Calibration aims for about this many milliseconds per derivation. */
  readonly targetMs: number;
}

export interface CreateVaultOptions {
  readonly policy?: KdfPolicy;
  /** 'calibrate' (default) aims at policy.targetMs; 'floor' uses exactly policy.floor. */
  readonly kdf?: 'calibrate' | 'floor';
  /** Clock for timestamps (tests pass a fake clock); defaults to Date.now. */
  readonly now?: () => number;
}

export interface OpenVaultOptions {
  readonly policy?: KdfPolicy;
  /** Clock for timestamps (tests pass a fake clock); defaults to Date.now. */
  readonly now?: () => number;
  /** Hears what opening changed for the user's sake (a file made owner-only), once. */
  readonly onNotice?: (message: string) => void;
}

/** What a locked vault file can tell without any key: only plaintext columns. */
export interface LockedSummary {
  readonly path: string;
  readonly schemaVersion: number;
  readonly tenantCount: number;
  readonly tokenCount: number;
  /** Tokens whose expiry (plaintext timestamp) falls before `until`, not revoked. */
  readonly expiringBefore: (until: number) => number;
  /**
   * Live tokens not yet expired whose expiry falls within their kind's lead time from `now`
   * (kind and expiry are plaintext): what lists call `expiring`. Kinds missing from the map count none.
   */
  readonly inLeadTime: (now: number, leadTimes: Readonly<Record<string, number>>) => number;
  /** Unfinished lifecycle journal entries, oldest first. */
  readonly openJournals: () => readonly JournalHead[];
}

/** A new current value for an existing token, as an import brings it. */
export interface ImportUpdate {
  readonly tokenId: string;
  readonly secret: string;
  readonly expiresAt: number | null;
}

export interface NewToken {
  readonly environmentId: string;
  readonly label: string;
  readonly kind: TokenKind;
  readonly provider: ProviderId;
  readonly secret: string;
  readonly connectionId?: string | null;
  readonly providerKeyId?: string | null;
  readonly expiresAt?: number | null;
  readonly expirySource?: ExpirySource | null;
  readonly rotationPolicy?: RotationPolicy | null;
  readonly tags?: readonly string[];
  readonly notes?: string;
}

export type TokenPatch = Partial<
  Pick<
    TokenView,
    | 'label'
    | 'kind'
    | 'connectionId'
    | 'providerKeyId'
    | 'expiresAt'
    | 'expirySource'
    | 'lastVerifiedAt'
    | 'rotationPolicy'
    | 'tags'
    | 'notes'
    | 'revoked'
  >
>;

export type Credential =
  | { readonly kind: 'password'; readonly username: string; readonly password: string }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'none' };

export interface NewConnection {
  readonly tenantId: string;
  readonly environmentId: string;
  readonly provider: ProviderId;
  readonly baseUrl: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly credential: Credential;
}

export type { JournalClaim };

export const ROTATION_OPERATIONS = ['create', 'rotate', 'revoke', 'manual-rotate'] as const;
export type RotationOperation = (typeof ROTATION_OPERATIONS)[number];

/** A lifecycle journal entry. `state` is owned by lifecycle/; the vault stores it as plaintext. */
export interface JournalEntry {
  readonly id: string;
  readonly tokenId: string | null;
  readonly operation: RotationOperation;
  readonly state: string;
  /** Sealed JSON owned by lifecycle/ (key names, provider key ids, error text). Never a secret. */
  readonly data: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** An unfinished journal entry as a locked file shows it (plaintext columns only). */
export interface JournalHead {
  readonly id: string;
  readonly tokenId: string | null;
  readonly operation: RotationOperation;
  readonly state: string;
  readonly updatedAt: number;
  /** A live process holds the entry's lock (journal-lock.ts): it is being worked on right now. */
  readonly running: boolean;
}

/** The audit actions live with the model: the window's audit viewer filters by them. */
export { AUDIT_ACTIONS, type AuditAction } from '../../shared/model';

/** What a cascading removal took with it. */
export interface RemovedCounts {
  readonly environments: number;
  readonly connections: number;
  readonly tokens: number;
}

/** The audit entry written with a use (recordUse); its subject is the token. */
export interface UseAudit {
  readonly action: AuditAction;
  /** Sealed free text (e.g. "cli get"), at most 2000 characters. Never a secret. */
  readonly detail: string;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: number;
  readonly action: AuditAction;
  /** A token, tenant or connection id, or null. */
  readonly subjectId: string | null;
  /** Sealed free text (e.g. "rotated via CLI"). Never a secret. */
  readonly detail: string;
}

export type AuditVerdict =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly entries: number; readonly firstBrokenSeq: number; readonly reason: string };

/**
 * What lock() did. The keys are always dropped; the `lock` audit entry comes after whatever the
 * session changed, so a failure to write it (a full disk) is a warning, never the outcome.
 */
export type LockOutcome = { readonly recorded: true } | { readonly recorded: false; readonly warning: string };

/** An unlocked vault. After lock() every method throws VAULT_LOCKED. */
export interface Vault {
  readonly path: string;
  readonly isLocked: boolean;
  /** Zeroes every key and drops decrypted data; never throws (see LockOutcome). */
  lock(): LockOutcome;
  /** Rewraps the vault key under the new password; the recovery and device wraps stay valid. */
  changePassword(newPassword: string): void;
  /**
   * changePassword with the KDF off the event loop. A lock() (or the file's close()) before the
   * KDF finishes rejects with VAULT_LOCKED and leaves the password unchanged.
   */
  changePasswordAsync(newPassword: string): Promise<void>;
  /**
   * Checks the master password again (the KDF off the event loop) before a protection change.
   * Wrong: VAULT_WRONG_PASSWORD, audited as a failed unlock. Nothing else changes.
   */
  verifyPasswordAsync(password: string): Promise<void>;
  /** Replaces the recovery key (the old one stops working, audited) and returns the new one, once. */
  replaceRecoveryKey(): string;

  // device unlock (DESIGN §2: an extra wrap whose key the app keeps in the OS keychain)
  /** True while the file holds a device wrap. */
  readonly hasDeviceUnlock: boolean;
  /**
   * Creates a random 32-byte device key, stores a wrap of the vault key under it (replacing any
   * earlier device wrap, whose key then stops working), audits it, and returns the key. The caller
   * keeps it in the OS keychain and zeroes the array; the vault keeps no copy.
   */
  enableDeviceUnlock(): Uint8Array;
  /** Deletes the device wrap (audited); a no-op when there is none. */
  disableDeviceUnlock(): void;

  // tenants and environments (names unique, case-insensitively, per parent)
  addTenant(name: string): TenantView;
  renameTenant(id: string, name: string): TenantView;
  removeTenant(id: string): void; // refused (INVALID_INPUT) while it still has environments
  /**
   * Removes the tenant with its environments, connections and tokens (versions included) in one
   * transaction, audited. ROTATION_IN_PROGRESS while one of its tokens has an unfinished journal.
   */
  removeTenantCascade(id: string): RemovedCounts;
  listTenants(): readonly TenantView[];
  findTenant(name: string): TenantView | null;

  addEnvironment(tenantId: string, name: string, kind: EnvironmentKind): EnvironmentView;
  removeEnvironment(id: string): void; // refused while it still has tokens
  /** Renames an environment and/or changes its kind; the name stays unique within the tenant. */
  updateEnvironment(id: string, patch: { readonly name?: string; readonly kind?: EnvironmentKind }): EnvironmentView;
  /** removeTenantCascade for one environment. */
  removeEnvironmentCascade(id: string): RemovedCounts;
  listEnvironments(tenantId?: string): readonly EnvironmentView[];
  findEnvironment(tenantId: string, name: string): EnvironmentView | null;

  // tokens (label unique per environment, case-insensitively)
  addToken(token: NewToken): TokenView;
  /** Adds many tokens in one transaction (import, benchmarks); all or nothing. */
  addTokens(tokens: readonly NewToken[]): readonly TokenView[];
  /**
   * An import in ONE transaction, all or nothing: the new tokens are added and each update becomes
   * its token's current version (the old current one becomes previous).
   */
  importTokens(adds: readonly NewToken[], updates: readonly ImportUpdate[]): void;
  updateToken(id: string, patch: TokenPatch): TokenView;
  removeToken(id: string): void;
  getToken(id: string): TokenView;
  /** Constant-time in vault size (blind index), decrypts only this token's metadata. */
  findToken(tenantName: string, environmentName: string, label: string): TokenView | null;
  /** All token metadata, decrypted in bulk at unlock and kept current in memory. */
  listTokens(): readonly TokenView[];
  /** Case-insensitive substring over label, tenant, environment, provider, tags; < 10 ms at 100k. */
  searchTokens(query: string): readonly TokenView[];
  /**
   * searchTokens as a mask over listTokens() as it is after this call: 1 where the token at that
   * position matches; null when the query is empty (all match). Spares a caller the walk that
   * places the matches in the list (the window's query, each keystroke).
   */
  matchTokens(query: string): Uint8Array | null;
  /**
   * Work for the next search done ahead, in a slice of at most `chunkLimit` chunks of the loaded
   * list (their haystacks); true once nothing is left. Answers are the same without it.
   */
  prepareSearch(chunkLimit: number): boolean;
  /** Whether listTokens() would decrypt nothing: the whole list is in memory and current. */
  isTokenListLoaded(): boolean;
  /** Decrypts up to `chunkLimit` chunks of the list not yet in memory; true once the list is complete. */
  loadTokens(chunkLimit: number): boolean;
  /**
   * The first-screen record (first-screen.ts) assembled from its parts, read in one transaction
   * with the chunk revisions on disk: each chunk's facts from its group part if they were made at the chunk's revision,
   * else the chunk decrypted (only those chunks); the rows of `tag`'s sort patched for the chunks
   * they were not made from, or none (empty) when there are no rows for `tag` to patch.
   */
  firstScreen(tag: string): FirstScreenRecord | null;
  /**
   * Renews the first-screen record from the whole list, in one transaction: the group parts with a
   * member not known to be stored for its chunk's revision (each made whole again), and the rows part (`pickRows` gives the first
   * rows of the writer's sort) unless it already describes the list with this tag. A chunk another
   * process changed since it was read is left out of its group part, and the rows part skipped; false
   * when nothing was written.
   */
  writeFirstScreen(tag: string, pickRows: (list: readonly TokenView[]) => readonly TokenView[]): boolean;
  /**
   * Records that the token's value was handed out, in ONE transaction: its lastUsedAt moves
   * forward to `at` (never back; a plaintext timestamp, so the metadata chunk is not re-sealed
   * and updatedAt does not change) and `audit` is appended with the token as subject.
   * NOT_FOUND for an unknown token; on any failure neither is written.
   */
  recordUse(tokenId: string, at: number, audit: UseAudit): void;

  // versions and secrets: each secret sealed on its own and opened only here
  /** The secret of the `current` version (or of `versionId`). Opens exactly one sealed value. */
  openSecret(tokenId: string, versionId?: string): string;
  listVersions(tokenId: string): readonly VersionView[];
  /**
   * Adds a version (default status `pending`). At most one `current` and one `pending` per token.
   * With status `current` it is one transaction: the new version becomes current, the old current
   * previous, and a stale pending version (no open journal owns it) is kept as previous first; a
   * pending version an open journal owns refuses with ROTATION_IN_PROGRESS.
   */
  addVersion(
    tokenId: string,
    secret: string,
    options?: { status?: VersionStatus; providerKeyId?: string | null; expiresAt?: number | null },
  ): VersionView;
  /** Atomically: `versionId` becomes current, the old current becomes previous; token metadata follows. */
  promoteVersion(tokenId: string, versionId: string): VersionView;
  setVersionStatus(versionId: string, status: VersionStatus): VersionView;
  /** Replace the secret of an existing version (a refreshed session token). */
  replaceSecret(versionId: string, secret: string, expiresAt: number | null): VersionView;

  // connections
  addConnection(connection: NewConnection): ConnectionView;
  updateConnection(
    id: string,
    patch: { baseUrl?: string; settings?: Readonly<Record<string, string>>; credential?: Credential },
  ): ConnectionView;
  removeConnection(id: string): void;
  listConnections(): readonly ConnectionView[];
  getConnection(id: string): ConnectionView;
  findConnection(environmentId: string, provider: ProviderId): ConnectionView | null;
  openCredential(connectionId: string): Credential;
  /**
   * The provider session kept for a connection (the adapter's JSON; sealed, bound to the
   * connection), or null. Dropped with the connection and when its credential or URL changes.
   */
  readConnectionSession(connectionId: string): string | null;
  /** Stores (or, with null, drops) the connection's session. */
  writeConnectionSession(connectionId: string, value: string | null): void;

  // settings (values sealed)
  getSetting(key: string): string | null;
  setSetting(key: string, value: string): void;

  // lifecycle journal; an entry whose state is 'done' or 'abandoned' is finished
  /** `id`: one the caller already claimed (newJournalId + claimJournal); else a fresh one. */
  addJournal(entry: {
    id?: string;
    tokenId: string | null;
    operation: RotationOperation;
    state: string;
    data: Record<string, unknown>;
  }): JournalEntry;
  updateJournal(id: string, state: string, data: Record<string, unknown>): JournalEntry;
  getJournal(id: string): JournalEntry;
  listJournal(filter?: { unfinishedOnly?: boolean; tokenId?: string }): readonly JournalEntry[];
  /** One indexed lookup, nothing decrypted: does this token have an unfinished entry? */
  hasOpenJournal(tokenId: string): boolean;
  /**
   * Takes the entry's lock (journal-lock.ts) for as long as this process works on it, or null
   * while a live process (this one included) holds it. Taken before an entry is added, too.
   */
  claimJournal(journalId: string): JournalClaim | null;
  /** Whether a live process holds the entry's lock right now. */
  isJournalClaimed(journalId: string): boolean;

  // audit
  audit(action: AuditAction, subjectId: string | null, detail?: string): void;
  listAudit(options?: { limit?: number }): readonly AuditEntry[];
  verifyAudit(): AuditVerdict;
}

/** A vault file opened but not unlocked. Knows only plaintext columns and the header. */
export interface VaultFile {
  readonly path: string;
  summary(): LockedSummary;
  /**
   * The first unlock's key-free work done now, while locked (warm-up.ts): reads the record's
   * sealed parts and drops them, makes the label collator, runs the opening code on a throwaway
   * key. Reads nothing secret and changes nothing; returns how many record parts are stored.
   */
  warmForUnlock(): number;
  /** Password is NFC-normalised before the KDF. Wrong password: VAULT_WRONG_PASSWORD, audited. */
  unlock(password: string): Vault;
  /**
   * unlock with the KDF off the event loop: same checks (before the KDF), errors and audit entries.
   * A close() before the KDF finishes rejects with VAULT_LOCKED; nothing is unlocked or recorded.
   */
  unlockAsync(password: string): Promise<Vault>;
  unlockWithRecoveryKey(recoveryKey: string): Vault;
  /** True while the file holds a device wrap (readable locked: whether to ask the keychain). */
  readonly hasDeviceUnlock: boolean;
  /**
   * Unlocks with the device key from enableDeviceUnlock (the caller zeroes it afterwards).
   * No device wrap, a wrong key or a tampered wrap: VAULT_WRONG_PASSWORD, audited as a failed
   * unlock (the message says when device unlock is simply off). An unparsable device row:
   * VAULT_HEADER_INVALID.
   */
  unlockWithDeviceKey(deviceKey: Uint8Array): Vault;
  /** Closes the database handle; an unlocked Vault from this file is locked first. */
  close(): void;
}

/**
 * Entry points (implemented in vault/index.ts):
 *   createVault(path, password, options?: CreateVaultOptions): { vault: Vault; recoveryKey: string }
 *     VAULT_EXISTS if the file exists. The recovery key is returned once and stored only as a wrap.
 *   createVaultAsync(path, password, options?): Promise<{ vault: Vault; recoveryKey: string }>
 *     The same, with calibration and the KDF on the thread pool (the file's absence is checked
 *     before and again after them).
 *   openVault(path, options?: OpenVaultOptions): VaultFile
 *     VAULT_NOT_FOUND, VAULT_HEADER_INVALID, VAULT_KDF_OUT_OF_BOUNDS, VAULT_TOO_NEW.
 */
