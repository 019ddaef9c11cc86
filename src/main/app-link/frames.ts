/**
 * Length-prefixed frames for the app link: a 4-byte big-endian length, then that many bytes of
 * UTF-8 JSON. The reader refuses a frame longer than its limit as soon as the length is read, so
 * an oversized frame is never buffered; both the app and the CLI read with it.
 */

const HEADER_BYTES = 4;

export type FrameEvent =
  | { readonly kind: 'frame'; readonly value: unknown }
  /** Not JSON, or an empty frame: the sender is broken or hostile. */
  | { readonly kind: 'malformed' }
  | { readonly kind: 'too-large'; readonly declared: number };

export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);
  private failed = false;

  constructor(private readonly maxBytes: number) {}

  /** Bytes received but not yet part of a whole frame. */
  get buffered(): number {
    return this.pending.length;
  }

  /**
   * The frames `chunk` completes, in order. After a malformed or oversized frame the reader is
   * done: the stream cannot be re-synchronised, so the connection must be closed.
   */
  push(chunk: Buffer): FrameEvent[] {
    if (this.failed) return [];
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const events: FrameEvent[] = [];
    while (this.pending.length >= HEADER_BYTES) {
      const declared = this.pending.readUInt32BE(0);
      if (declared > this.maxBytes) return this.fail(events, { kind: 'too-large', declared });
      if (this.pending.length < HEADER_BYTES + declared) break;
      const body = this.pending.subarray(HEADER_BYTES, HEADER_BYTES + declared);
      this.pending = this.pending.subarray(HEADER_BYTES + declared);
      const value = parseJson(body);
      if (value === undefined) return this.fail(events, { kind: 'malformed' });
      events.push({ kind: 'frame', value });
    }
    return events;
  }

  private fail(events: FrameEvent[], event: FrameEvent): FrameEvent[] {
    this.failed = true;
    this.pending = Buffer.alloc(0);
    return [...events, event];
  }
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** One frame: the value as JSON behind its length. */
export function encodeFrame(value: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32BE(body.length, 0);
  return Buffer.concat([header, body]);
}
