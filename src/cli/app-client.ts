/**
 * The CLI's end of the app link (docs/cli.md, App integration): connect, say hello, prove which
 * process is talking (and, where the app wrote a link key, that this process can read the app-link
 * folder, once the app proved the same), then ask. Every answer is parsed with the protocol's
 * schemas before it is used (app-frame-guard.ts: the protocol's schemas without loading zod). Kept
 * free of the rest of the CLI, so the `keyturn get` fast path (app-get.ts) loads only this.
 */
import { connect, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { APP_LINK_VERSION, MAX_APP_FRAME_BYTES, titleProof, type AppLinkChannel } from '../shared/app-link-constants';
import type { APP_LINK_OUTPUTS, AppFrame } from '../shared/app-link-protocol';
import type { ErrorData, Result } from '../shared/errors';
import { encodeFrame, FrameReader } from '../main/app-link/frames';
import { isLinkProof, linkProof, proofNonce } from '../main/app-link/link-proof';
import { asAppFrame, asOutput } from './app-frame-guard';
import { findAppAddress } from './app-link-place';
import { clientClaims } from './client-claims';

/** The app answers a hello at once (or not at all); a call may wait for the user's approval. */
const HELLO_TIMEOUT_MS = 5_000;
const CALL_TIMEOUT_MS = 120_000;

export type AppOutput<C extends AppLinkChannel> = ReturnType<(typeof APP_LINK_OUTPUTS)[C]['parse']>;

export interface AppLinkClient {
  call<C extends AppLinkChannel>(channel: C, input: unknown): Promise<Result<AppOutput<C>>>;
  close(): void;
}

export type LinkOpening =
  /** No app here, or it said to unlock the vault directly: do that. */
  | { readonly kind: 'absent'; readonly warning?: string }
  /** The app is there and says no (locked): stop with this error. */
  | { readonly kind: 'refused'; readonly error: ErrorData }
  | { readonly kind: 'open'; readonly link: AppLinkClient };

export interface OpenOptions {
  readonly vaultPath: string;
  readonly env: NodeJS.ProcessEnv;
  /** `get`, `run npm`, `env`: shown in the approval prompt. */
  readonly command: string;
  readonly platform?: NodeJS.Platform;
}

const failure = (message: string): ErrorData => ({
  code: 'INTERNAL',
  message: `${message}; try again, or run with --no-app`,
});

/** Frames from the app, one at a time, each within a deadline. */
class Incoming {
  private readonly reader = new FrameReader(MAX_APP_FRAME_BYTES);
  private readonly frames: unknown[] = [];
  private problem: ErrorData | null = null;
  private waiter: (() => void) | null = null;

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const event of this.reader.push(chunk)) {
        if (event.kind === 'frame') this.frames.push(event.value);
        else this.fail(failure('Keyturn sent a broken answer'));
      }
      this.wake();
    });
    socket.on('error', () => this.fail(failure('The connection to Keyturn failed')));
    socket.on('close', () => this.fail(failure('Keyturn closed the connection before answering')));
  }

  private fail(problem: ErrorData): void {
    this.problem ??= problem;
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  async next(timeoutMs: number): Promise<AppFrame | ErrorData> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0 && this.problem === null) {
      const left = deadline - Date.now();
      if (left <= 0) return failure('Keyturn did not answer in time');
      await new Promise<void>((woken) => {
        const timer = setTimeout(woken, left);
        this.waiter = () => {
          clearTimeout(timer);
          woken();
        };
      });
    }
    if (this.frames.length === 0) return this.problem ?? failure('Keyturn did not answer');
    const frame = asAppFrame(this.frames.shift());
    return frame ?? failure('Keyturn sent an answer this keyturn does not understand');
  }
}

function isErrorData(value: AppFrame | ErrorData): value is ErrorData {
  return !('kind' in value);
}

function connectTo(address: string): Promise<Socket | null> {
  return new Promise((done) => {
    const socket = connect(address);
    // No app (no socket, or one a crashed app left): the command unlocks the vault itself.
    socket.once('error', () => done(null));
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      done(socket);
    });
  });
}

export async function openAppLink(options: OpenOptions): Promise<LinkOpening> {
  const platform = options.platform ?? process.platform;
  const found = findAppAddress(options.env, platform);
  if (found.kind === 'none')
    return found.warning === undefined ? { kind: 'absent' } : { kind: 'absent', warning: found.warning };
  const socket = await connectTo(found.address);
  if (socket === null) return { kind: 'absent' };
  const incoming = new Incoming(socket);
  const vault = resolve(options.vaultPath);
  const { key } = found;
  // With a link key, both ends prove they can read it (main/app-link/link-proof.ts).
  const clientNonce = key === null ? undefined : proofNonce();
  const client = clientClaims(options.command, platform);
  socket.write(encodeFrame({ v: APP_LINK_VERSION, kind: 'hello', vault, client, nonce: clientNonce }));
  const first = await incoming.next(HELLO_TIMEOUT_MS);
  if (isErrorData(first) || first.kind !== 'challenge') {
    socket.destroy();
    if (isErrorData(first)) return { kind: 'refused', error: first };
    if (first.kind === 'fallback') return { kind: 'absent' };
    return { kind: 'refused', error: first.kind === 'refused' ? first.error : failure('Keyturn answered out of turn') };
  }
  // Not the app that wrote the key (a pipe someone set up under a name a crashed app left): ignore it.
  if (key !== null && clientNonce !== undefined && !isLinkProof(key, 'app', first.nonce, clientNonce, first.proof)) {
    socket.destroy();
    return { kind: 'absent', warning: "ignoring the app link: it did not prove it is this user's Keyturn" };
  }
  const proof =
    key === null || clientNonce === undefined ? {} : { proof: linkProof(key, 'client', first.nonce, clientNonce) };
  const title = process.title;
  // Linux: main reads this back from /proc/<pid>/cmdline to know this process is the one talking.
  if (platform === 'linux') process.title = titleProof(first.nonce);
  let nextId = 1;
  const link: AppLinkClient = {
    async call(channel, input) {
      const id = nextId++;
      socket.write(encodeFrame({ v: APP_LINK_VERSION, kind: 'call', id, channel, input, ...proof }));
      const frame = await incoming.next(CALL_TIMEOUT_MS);
      if (isErrorData(frame)) return { ok: false, error: frame };
      if (frame.kind === 'refused') return { ok: false, error: frame.error };
      if (frame.kind !== 'answer' || frame.id !== id)
        return { ok: false, error: failure('Keyturn answered out of turn') };
      if (!frame.result.ok) return frame.result;
      const value = asOutput(channel, frame.result.value);
      if (value === null)
        return { ok: false, error: failure('Keyturn sent an answer this keyturn does not understand') };
      return { ok: true, value };
    },
    close() {
      socket.destroy();
      if (platform === 'linux') process.title = title;
    },
  };
  return { kind: 'open', link };
}
