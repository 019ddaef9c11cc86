/**
 * What the window's actions answer with (src/shared/ipc-window-channels.ts): plain, serialisable
 * views, never a secret. Lists come in slices (TokenWindow), never the whole match set.
 */
import type { TokenListItem } from './ipc';
import type {
  ConnectionView,
  EnvironmentView,
  ExpirySource,
  ProviderId,
  TenantView,
  TokenKind,
  VersionView,
  EnvironmentKind,
  ExpiryState,
} from './model';

/** Live tokens, how many of them are expiring (within their lead time) or expired, and revoked ones. */
export interface OutlineCounts {
  readonly tokens: number;
  readonly expiring: number;
  readonly expired: number;
  /** Revoked tokens: listed (history) but not counted in `tokens`. */
  readonly revoked: number;
}

export interface OutlineEnvironment extends EnvironmentView, OutlineCounts {
  /** The providers this environment is connected to (credentials never leave main). */
  readonly connections: readonly { readonly id: string; readonly provider: ProviderId }[];
}

export interface OutlineTenant extends TenantView, OutlineCounts {
  readonly environments: readonly OutlineEnvironment[];
}

/** The sidebar: tenants › environments (sorted by name), each with its counts. */
export interface VaultOutline {
  /** "All tokens". */
  readonly all: OutlineCounts;
  readonly tenants: readonly OutlineTenant[];
}

/** A [start, end) range of UTF-16 code units in a label that matched the search text. */
export type MatchRange = readonly [start: number, end: number];

/** One row of the token list: what a row shows, not the token's notes or history. */
export interface TokenRow {
  readonly id: string;
  readonly label: string;
  readonly labelMatches: readonly MatchRange[];
  readonly tenantId: string;
  readonly tenantName: string;
  readonly environmentId: string;
  readonly environmentName: string;
  readonly environmentKind: EnvironmentKind;
  readonly provider: ProviderId;
  readonly kind: TokenKind;
  readonly expiresAt: number | null;
  readonly expiryState: ExpiryState;
  readonly lastUsedAt: number | null;
  readonly tags: readonly string[];
  readonly revoked: boolean;
}

/** The visible slice of a query kept in main, with the counts the window shows around it. */
export interface TokenWindow {
  /** Changes whenever the tokens or names behind the answer changed; a slice of another revision is stale. */
  readonly revision: number;
  /** Tokens in the view (all, expiring, a tenant, an environment) before the search text. */
  readonly inView: number;
  /** Of those, the ones matching the search text: the list's length. */
  readonly matched: number;
  /** Of the matched ones, how many are expiring and expired. */
  readonly expiring: number;
  readonly expired: number;
  /** The first row's index in the matched list (clamped to it). */
  readonly offset: number;
  readonly rows: readonly TokenRow[];
}

/** What Keyturn can do with a provider, as the capability table says. */
export interface ProviderAbilities {
  readonly session: boolean;
  readonly create: boolean;
  readonly list: boolean;
  readonly revoke: boolean;
  readonly verify: boolean;
  readonly expiryKnown: boolean;
  /** Rotation through the provider's API; false means rotation is guided by hand. */
  readonly rotate: boolean;
}

/** One unfinished lifecycle journal entry, in plain words. */
export interface RotationView {
  readonly journalId: string;
  readonly operation: 'create' | 'rotate' | 'revoke' | 'manual-rotate';
  readonly tokenId: string | null;
  readonly label: string;
  readonly environmentId: string;
  readonly step: string;
  /** What state it is in ("Revoke failed"). */
  readonly title: string;
  /** What happens next or what the user should do, or null when nothing is needed. */
  readonly next: string | null;
  /** The last provider error, in its words (redacted), while it is pending. */
  readonly lastError: string | null;
  /** The provider key that could not be revoked (revoke-failed only). */
  readonly keyId: string | null;
  /** What the user may do now: paste the new value, confirm the old key is revoked, or retry. */
  readonly userAction: 'paste-value' | 'confirm-revoked' | 'retry' | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Everything the detail pane shows; versions carry provider key ids, never secrets. */
export interface TokenDetail {
  readonly token: TokenListItem;
  readonly expirySource: ExpirySource | null;
  readonly connection: ConnectionView | null;
  readonly abilities: ProviderAbilities;
  /** Newest first: pending, current, previous, revoked. */
  readonly versions: readonly VersionView[];
  /** Provider key ids still alive at the provider: delete would leave them working ("revoke first"). */
  readonly liveProviderKeyIds: readonly string[];
  /** The token's unfinished rotation, if any. */
  readonly rotation: RotationView | null;
}

/** What removing a tenant or an environment takes with it. */
export interface RemovalImpact {
  readonly environments: number;
  readonly connections: number;
  readonly tokens: number;
  /** Tokens with a key still alive at the provider (removing them does not revoke it). */
  readonly tokensWithLiveKeys: number;
  /** Tokens with an unfinished rotation: removal waits until it is finished or abandoned. */
  readonly tokensInRotation: number;
}

export interface RemovedTokens {
  readonly removed: string;
  readonly tokens: number;
}

/** A pasted token, recognised offline (nothing is sent anywhere); null where it says nothing. */
export interface TokenRecognition {
  readonly provider: ProviderId | null;
  readonly kind: TokenKind | null;
  readonly environmentKind: EnvironmentKind | null;
  readonly expiresAt: number | null;
  readonly expirySource: ExpirySource | null;
  readonly confidence: 'high' | 'medium' | 'low';
}

/** One field of a provider's connection form. */
export interface ProviderFormField {
  /** For settings, the key in ConnectionView.settings; else `baseUrl`, `username`, `password` or `token`. */
  readonly key: string;
  readonly label: string;
  readonly required: boolean;
  readonly secret: boolean;
  readonly help: string | null;
}

/** How to connect an environment to a provider, and what Keyturn can then do, in words. */
export interface ProviderForm {
  readonly provider: ProviderId;
  readonly name: string;
  readonly baseUrl: ProviderFormField;
  /** The credential kinds it accepts, each with its fields (`none` has none). */
  readonly credentials: readonly {
    readonly kind: 'password' | 'token' | 'none';
    readonly label: string;
    readonly fields: readonly ProviderFormField[];
  }[];
  readonly settings: readonly ProviderFormField[];
  readonly abilities: ProviderAbilities;
  /** The capability matrix in words: "Creates new keys", "Rotation is guided by hand", … */
  readonly abilitiesInWords: readonly string[];
}

/** A connection test: the provider's cheapest authenticated call answered. */
export interface ConnectionTest {
  readonly works: true;
  /** Whose account it is, when the provider says (an email, a tenant name). */
  readonly identity: string | null;
  /** What the user should know although it works (the server's sign-in flow, an unprotected server). */
  readonly notes: readonly string[];
}
