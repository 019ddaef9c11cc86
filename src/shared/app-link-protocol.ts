/**
 * The app link: how a `keyturn` command asks the running, unlocked app instead of unlocking the
 * vault itself (docs/cli.md, App integration). Frames are length-prefixed JSON (app-link/frames.ts);
 * this file is what each frame may hold, as zod schemas both sides parse with.
 *
 * A conversation, one connection per command:
 *   client → hello      (protocol version, the vault it means, what it claims about itself)
 *   app    → challenge  (a nonce the client shows in its process title, so main can check the
 *                        process it claims to be is the one talking; see docs/cli.md; and, where
 *                        main wrote a link key, the app's folder proof: app-link/link-proof.ts)
 *          | refused    (locked, busy, ...: an error, then the app closes the connection)
 *          | fallback   (another vault, integration off, another version: the CLI unlocks itself)
 *   client → call       (one contract channel and its input, parsed by the channel's own schema,
 *                        and the client's folder proof where main asks for one)
 *   app    → answer     (the handler's Result), then more calls or the end.
 *
 * zod/mini, the smaller build of the same zod. Main parses every client frame with these; the
 * `keyturn get` fast path checks the app's frames with src/cli/app-frame-guard.ts, the same rules
 * without loading zod (tested to agree), because loading it cost more than the rest of that path.
 */
import * as z from 'zod/mini';
import { APP_LINK_CHANNELS, APP_LINK_VERSION, FALLBACK_REASONS, type AppLinkChannel } from './app-link-constants';
import { ERROR_CODES } from './errors';

export * from './app-link-constants';

const text = (max: number) => z.string().check(z.maxLength(max));
const count = () => z.int().check(z.gte(0), z.lte(2 ** 31 - 1));

/**
 * What the client says about itself. On Linux main reads the same facts from /proc for the
 * process that proved it is talking (client-identity.ts) and uses those; elsewhere these claims
 * are shown to the user as the client's own words.
 */
export const clientClaimsSchema = z.strictObject({
  pid: count(),
  ppid: count(),
  /** The terminal session's id (getsid), where the client can read it (Linux), else null. */
  sid: z.nullable(count()),
  /** The controlling terminal as the client sees it (/dev/pts/3), or null without one. */
  tty: z.nullable(text(200)),
  cwd: text(4096),
  /** `get`, `run npm`, `env`: the keyturn command and, for run, the program it starts. */
  command: text(200),
});
export type ClientClaims = z.infer<typeof clientClaimsSchema>;

export const helloSchema = z.strictObject({
  v: z.number(),
  kind: z.literal('hello'),
  /** The vault file the command means (absolute); the app answers only for its own. */
  vault: text(4096),
  client: clientClaimsSchema,
  /** The client's nonce for the folder proof; sent when it found a link key (link-proof.ts). */
  nonce: z.optional(text(64)),
});
export type HelloFrame = z.infer<typeof helloSchema>;

export const callSchema = z.strictObject({
  v: z.literal(APP_LINK_VERSION),
  kind: z.literal('call'),
  id: count(),
  channel: z.enum(APP_LINK_CHANNELS),
  input: z.unknown(),
  /** The client's folder proof for this connection (link-proof.ts); main requires it on Windows. */
  proof: z.optional(text(64)),
});
export type CallFrame = z.infer<typeof callSchema>;

const errorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: text(2000),
  retryAfterSeconds: z.optional(z.number()),
});

/** Everything the app sends; `v` is always the app's own version. */
export const appFrameSchema = z.discriminatedUnion('kind', [
  z.strictObject({ v: z.number(), kind: z.literal('challenge'), nonce: text(64), proof: z.optional(text(64)) }),
  z.strictObject({ v: z.number(), kind: z.literal('refused'), error: errorSchema }),
  z.strictObject({ v: z.number(), kind: z.literal('fallback'), reason: z.enum(FALLBACK_REASONS) }),
  z.strictObject({
    v: z.number(),
    kind: z.literal('answer'),
    id: count(),
    result: z.discriminatedUnion('ok', [
      z.strictObject({ ok: z.literal(true), value: z.unknown() }),
      z.strictObject({ ok: z.literal(false), error: errorSchema }),
    ]),
  }),
]);
export type AppFrame = z.infer<typeof appFrameSchema>;

/** The answers' values, checked by the client before it prints anything. */
export const APP_LINK_OUTPUTS = {
  'token:secret': z.object({
    tokenId: z.string(),
    secret: z.string(),
    expiresAt: z.nullable(z.number()),
    refreshed: z.boolean(),
  }),
  'environment:secrets': z.object({
    entries: z.array(z.object({ tokenId: z.string(), name: z.string(), secret: z.string() })),
    skipped: z.array(z.object({ tokenId: z.string(), label: z.string(), reason: z.string() })),
  }),
} as const satisfies Record<AppLinkChannel, z.ZodMiniType>;
