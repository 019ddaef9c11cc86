/**
 * The app link's fixed numbers and names (docs/cli.md, App integration), apart from its schemas
 * (app-link-protocol.ts) so the `keyturn get` fast path can use them without loading zod.
 */

export const APP_LINK_VERSION = 1;

/** The most a client may send in one frame: a hello or a call is a few hundred bytes. */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;
/** The most the app sends in one frame (an environment's secrets, for `keyturn env`). */
export const MAX_APP_FRAME_BYTES = 32 * 1024 * 1024;

/** The channels the app link serves: a token's value and an environment's values, nothing else. */
export const APP_LINK_CHANNELS = ['token:secret', 'environment:secrets'] as const;
export type AppLinkChannel = (typeof APP_LINK_CHANNELS)[number];

/** Why the app tells a client to unlock the vault itself: not its vault, turned off, another version. */
export const FALLBACK_REASONS = ['other-vault', 'off', 'version'] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

/**
 * Linux: what a client's process title reads once it got `nonce` (client-identity.ts). Short, so
 * it fits in the argument area of any `keyturn` process (`node k get x` has 13 bytes).
 */
export function titleProof(nonce: string): string {
  return nonce;
}
