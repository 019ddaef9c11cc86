/**
 * One client's connection: hello → challenge → calls → answers, strictly in turn. Anything that
 * breaks the protocol (not JSON, too large, a wrong frame, a frame too slow to arrive, a frame
 * while a call is being answered) ends this connection and nothing else; a connection never
 * throws into the server.
 */
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import {
  APP_LINK_VERSION,
  MAX_CLIENT_FRAME_BYTES,
  callSchema,
  helloSchema,
  type AppFrame,
  type CallFrame,
  type FallbackReason,
  type HelloFrame,
} from '../../shared/app-link-protocol';
import { toErrorData, type ErrorData } from '../../shared/errors';
import type { TimerHandle } from '../api/ports';
import type { ClientIdentity, Identified } from './client-identity';
import { encodeFrame, FrameReader } from './frames';

/** What a connection needs from the endpoint; the endpoint decides, the connection talks. */
export interface ConnectionHost {
  readonly frameTimeoutMs: number;
  setTimer(callback: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
  /** Whether to serve this hello: a refusal, a fallback, or go on to the challenge. */
  greet(
    hello: HelloFrame,
  ):
    | { readonly kind: 'refused'; readonly error: ErrorData }
    | { readonly kind: 'fallback'; readonly reason: FallbackReason }
    | { readonly kind: 'go' };
  /** The app's folder proof for the challenge, when main has a link key and the client a nonce. */
  proveApp(hello: HelloFrame, nonce: string): string | null;
  /** Whether the client's first call carries the folder proof main asks for (or none is asked). */
  isProven(hello: HelloFrame, nonce: string, proof: string | undefined): boolean;
  identify(hello: HelloFrame, nonce: string): Identified;
  /** The answer to one call from an identified client (approval included). */
  serve(client: ClientIdentity, call: CallFrame): Promise<AppFrame>;
  closed(connection: Connection): void;
}

type State =
  | { readonly kind: 'hello' }
  | {
      readonly kind: 'call';
      readonly hello: HelloFrame;
      readonly nonce: string;
      readonly client: ClientIdentity | null;
    }
  | { readonly kind: 'busy' }
  | { readonly kind: 'closed' };

export class Connection {
  private state: State = { kind: 'hello' };
  private readonly reader = new FrameReader(MAX_CLIENT_FRAME_BYTES);
  private timer: TimerHandle | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly host: ConnectionHost,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // A reset or a broken pipe is the client's business; it must never reach the process.
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
    this.expectFrame();
  }

  /** Tells the client it is refused (the vault locked) and ends, whatever it was doing. */
  refuse(error: ErrorData): void {
    if (this.state.kind === 'closed') return;
    this.send({ v: APP_LINK_VERSION, kind: 'refused', error });
    this.finish();
  }

  close(): void {
    this.stopTimer();
    if (this.state.kind === 'closed') return;
    this.state = { kind: 'closed' };
    this.socket.destroy();
    this.host.closed(this);
  }

  private receive(chunk: Buffer): void {
    try {
      for (const event of this.reader.push(chunk)) {
        if (event.kind !== 'frame') return this.close();
        this.frame(event.value);
        if (this.state.kind === 'closed') return;
      }
    } catch {
      // A bug in answering one client ends that client, never main.
      this.close();
    }
  }

  private frame(value: unknown): void {
    this.stopTimer();
    const state = this.state;
    if (state.kind === 'hello') return this.hello(value);
    // Whatever goes wrong answering one client ends that client, never main (no unhandled rejection).
    if (state.kind === 'call') return void this.call(state, value).catch(() => this.close());
    // A frame while a call is answered (the client must wait its turn) or after the end.
    this.close();
  }

  private hello(value: unknown): void {
    const version = typeof value === 'object' && value !== null && 'v' in value ? value.v : undefined;
    if (typeof version === 'number' && version !== APP_LINK_VERSION) {
      this.send({ v: APP_LINK_VERSION, kind: 'fallback', reason: 'version' });
      return this.finish();
    }
    const parsed = helloSchema.safeParse(value);
    if (!parsed.success) return this.close();
    const greeting = this.host.greet(parsed.data);
    if (greeting.kind === 'refused') return this.refuse(greeting.error);
    if (greeting.kind === 'fallback') {
      this.send({ v: APP_LINK_VERSION, kind: 'fallback', reason: greeting.reason });
      return this.finish();
    }
    const nonce = randomBytes(9).toString('base64url');
    this.state = { kind: 'call', hello: parsed.data, nonce, client: null };
    const proof = this.host.proveApp(parsed.data, nonce);
    this.send({ v: APP_LINK_VERSION, kind: 'challenge', nonce, ...(proof === null ? {} : { proof }) });
    this.expectFrame();
  }

  private async call(state: Extract<State, { kind: 'call' }>, value: unknown): Promise<void> {
    const parsed = callSchema.safeParse(value);
    if (!parsed.success) return this.close();
    // A client that cannot show it read the link key learns nothing more: closed unanswered.
    if (state.client === null && !this.host.isProven(state.hello, state.nonce, parsed.data.proof)) return this.close();
    // The proof is checked once, at the first call; later calls come over the same connection.
    const identified = state.client === null ? this.host.identify(state.hello, state.nonce) : null;
    if (identified !== null && !identified.ok) {
      const message = `Keyturn could not check which process is asking (${identified.reason}); run with --no-app`;
      return this.refuse({ code: 'APPROVAL_DENIED', message });
    }
    const client = identified?.client ?? state.client;
    if (client === null) return this.close();
    this.state = { kind: 'busy' };
    let answer: AppFrame;
    try {
      answer = await this.host.serve(client, parsed.data);
    } catch (cause) {
      answer = {
        v: APP_LINK_VERSION,
        kind: 'answer',
        id: parsed.data.id,
        result: { ok: false, error: toErrorData(cause) },
      };
    }
    if (this.state.kind !== 'busy') return;
    this.state = { ...state, client };
    this.send(answer);
    this.expectFrame();
  }

  private send(frame: AppFrame): void {
    if (this.state.kind !== 'closed' && !this.socket.destroyed) this.socket.write(encodeFrame(frame));
  }

  /** Ends after what was sent is flushed; a client that does not read is cut off by the timer. */
  private finish(): void {
    this.state = { kind: 'closed' };
    this.stopTimer();
    this.timer = this.host.setTimer(() => this.socket.destroy(), this.host.frameTimeoutMs);
    this.socket.end();
    this.host.closed(this);
  }

  /** The next frame must arrive whole within the limit, or the connection ends. */
  private expectFrame(): void {
    this.stopTimer();
    this.timer = this.host.setTimer(() => this.close(), this.host.frameTimeoutMs);
  }

  private stopTimer(): void {
    if (this.timer !== null) this.host.clearTimer(this.timer);
    this.timer = null;
  }
}
