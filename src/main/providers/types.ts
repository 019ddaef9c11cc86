/**
 * What every provider adapter offers. Providers know nothing of the vault: credentials in,
 * results out. Every call returns a Result; none throws for a provider's or network's fault.
 * Times are epoch milliseconds.
 */
import type { Result } from '../../shared/errors';
import type { ProviderId, TokenKind } from '../../shared/model';

export interface Capabilities {
  /** Logs in with a password and gets a short-lived session token (Syft Space, SyftHub, Haut.AI). */
  readonly session: boolean;
  readonly create: boolean;
  readonly list: boolean;
  readonly revoke: boolean;
  readonly verify: boolean;
  readonly expiryKnown: boolean;
  readonly secretShownOnce: boolean;
}

/** Where a connection's login session is kept between processes (the vault, sealed). */
export interface SessionStore {
  load(): string | null;
  /** Stores the session, or drops it (null). */
  save(value: string | null): void;
}

/** The connection as an adapter needs it (the vault's Credential, decrypted by the caller). */
export interface ProviderConnection {
  readonly baseUrl: string;
  /** Provider-side ids: satori `tenantId`, haut-ai `companyId`, syft-space `tenantName`. */
  readonly settings: Readonly<Record<string, string>>;
  readonly credential:
    | { readonly kind: 'password'; readonly username: string; readonly password: string }
    | { readonly kind: 'token'; readonly token: string }
    | { readonly kind: 'none' };
  /** Absent: the session lives in memory only, and each process logs in again. */
  readonly sessionStore?: SessionStore;
}

export interface Session {
  readonly token: string;
  readonly expiresAt: number;
}

export interface CreateKeyRequest {
  /** Keyturn puts its marker and the rotation id in here, so orphans can be found by name. */
  readonly name: string;
  readonly expiresAt: number | null;
}

export interface CreatedKey {
  readonly keyId: string;
  readonly name: string;
  /** Shown once by the provider: the caller stores it before doing anything else. */
  readonly secret: string;
  readonly expiresAt: number | null;
  readonly kind: TokenKind;
}

export interface RemoteKey {
  readonly keyId: string;
  readonly name: string;
  readonly isActive: boolean;
  readonly expiresAt: number | null;
  readonly createdAt: number | null;
  readonly lastUsedAt: number | null;
}

export interface VerifyResult {
  /** A human hint of whose token it is (an email, a tenant name), when the provider says. */
  readonly identity: string | null;
  readonly expiresAt: number | null;
  /** The provider says this secret has no expiry (SyftHub `expires_at: null`), as opposed to not saying. */
  readonly neverExpires?: boolean;
  /** What the user should know although the secret works (an unprotected server). */
  readonly notes?: readonly string[];
}

/** What `check` learnt about a connection besides "the credential works". */
export interface ConnectionCheck {
  /** Who the credential signs in as, when the provider says. */
  readonly identity: string | null;
  /** Things the user should know: which sign-in flow the server speaks, an unprotected server. */
  readonly notes: readonly string[];
}

/** One provider account (a connection), with its session cached in memory. */
export interface ProviderClient {
  readonly provider: ProviderId;
  readonly capabilities: Capabilities;
  /** A session token, logging in again when within the provider's refresh window. */
  session(): Promise<Result<Session>>;
  createKey(request: CreateKeyRequest): Promise<Result<CreatedKey>>;
  listKeys(): Promise<Result<readonly RemoteKey[]>>;
  revokeKey(keyId: string): Promise<Result<void>>;
  /** Does this secret work? Uses the provider's cheapest authenticated call. */
  verify(secret: string): Promise<Result<VerifyResult>>;
  /** Does the connection's own credential work (and its provider-side ids)? The cheapest call that says so. */
  check(): Promise<Result<ConnectionCheck>>;
  /** Ends a login session at the provider (SyftHub `POST /auth/logout`); absent where sessions only expire. */
  readonly endSession?: (token: string) => Promise<Result<void>>;
}

/** Injected at the edge: the clock (fake in tests) and a debug log that receives redacted lines. */
export interface ProviderDeps {
  readonly now: () => number;
  readonly log?: (line: string) => void;
  /** Sleep used for backoff and Retry-After; tests inject a fake that advances the clock. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly timeoutMs?: number;
  /**
   * The signal that ends one attempt after its limit (`timeoutMs`, less near the call's deadline;
   * AbortSignal.timeout by default). Tests of timeouts inject one their fake clock fires, so
   * machine load cannot decide what times out.
   */
  readonly timeoutSignal?: (ms: number) => AbortSignal;
  /** All attempts of one call (retries and waits included) end by this long after it started. */
  readonly deadlineMs?: number;
  /** Long waits and retries, said as they happen (the CLI prints them on a terminal). */
  readonly progress?: (message: string) => void;
}

/** Unsupported operations answer PROVIDER_UNSUPPORTED, as the capabilities table says. */
export type ProviderFactory = (connection: ProviderConnection, deps: ProviderDeps) => ProviderClient;
