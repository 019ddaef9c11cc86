/**
 * The control channel between bench:gui and its main process (main-host.ts): Node `fork` IPC
 * messages, JSON. The parent asks; the child answers each request by its id.
 */
import { z } from 'zod';

/** One call the page made to main, as the WebSocket server recorded it (ws-bridge.ts). */
export const CALL_RECORD = z.object({
  action: z.string(),
  text: z.string().nullable(),
  /** Wall ms inside the handler (parse, query, answer). */
  handlerMs: z.number(),
  /** Main's CPU ms over the same span (the handlers run synchronously in it). */
  handlerCpuMs: z.number(),
  /** Bytes of the JSON answer on the wire. */
  bytes: z.number(),
});
export type CallRecord = z.infer<typeof CALL_RECORD>;

export const HOST_REQUEST = z.discriminatedUnion('op', [
  /** Every call recorded so far, in order. */
  z.object({ id: z.number(), op: z.literal('calls') }),
  /** `vault:lock`, as the window's lock does. */
  z.object({ id: z.number(), op: z.literal('lock') }),
  /** `tokens:window` for each text, and the ms of a structured clone of each answer (Electron's IPC). */
  z.object({ id: z.number(), op: z.literal('clones'), texts: z.array(z.string()), limit: z.number() }),
  /** The server closed and the session locked; the child exits after answering. */
  z.object({ id: z.number(), op: z.literal('close') }),
]);
export type HostRequest = z.infer<typeof HOST_REQUEST>;
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
/** A request as the parent writes it: the channel gives the id. */
export type HostAsk = WithoutId<HostRequest>;

export const HOST_MESSAGE = z.union([
  z.object({ ready: z.string() }),
  z.object({ id: z.number(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.number(), ok: z.literal(false), message: z.string() }),
]);
export type HostMessage = z.infer<typeof HOST_MESSAGE>;
