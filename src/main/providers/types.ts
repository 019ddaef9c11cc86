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

/** The connection as an adapter needs it (the vault's Credential, decrypted by the caller). */
export interface ProviderConnection {
  readonly baseUrl: string;
  /** Provider-side ids: satori `tenantId`, haut-ai `companyId`, syft-space `tenantName`. */
  readonly settings: Readonly<Record<string, string>>;
  readonly credential:
    | { readonly kind: 'password'; readonly username: string; readonly password: string }
    | { readonly kind: 'token'; readonly token: string }
    | { readonly kind: 'none' };
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
}

/** Injected at the edge: the clock (fake in tests) and a debug log that receives redacted lines. */
export interface ProviderDeps {
  readonly now: () => number;
  readonly log?: (line: string) => void;
  /** Sleep used for backoff and Retry-After; tests inject a fake that advances the clock. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly timeoutMs?: number;
  /**
   * The signal that ends a request after `timeoutMs` (AbortSignal.timeout by default). Tests of
   * timeouts inject one their fake clock fires, so machine load cannot decide what times out.
   */
  readonly timeoutSignal?: (ms: number) => AbortSignal;
}

/** Unsupported operations answer PROVIDER_UNSUPPORTED, as the capabilities table says. */
export type ProviderFactory = (connection: ProviderConnection, deps: ProviderDeps) => ProviderClient;
