/**
 * The process edge: streams, TTY detection, environment. Commands receive this instead of
 * touching `process` so the same code runs in tests and in the real binary.
 */
import { writeSync } from 'node:fs';

/** Where command output goes: text, written whole before `write` returns. */
export interface TextOut {
  write(text: string): void;
}

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: TextOut;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Output written straight to a file descriptor with writeSync. Creating `process.stdout` (a
 * stream with net or tty behind it) is ~3 ms of a `keyturn get`; this way the output is out
 * before the process exits, with nothing left to flush. A full non-blocking pipe (EAGAIN) is
 * waited on; a reader that went away (EPIPE, as with `| head`) ends the output quietly. The
 * bytes (a secret, for `get`) are zeroed once written.
 */
function fdOut(fd: number): TextOut {
  return {
    write(text) {
      const bytes = Buffer.from(text, 'utf8');
      try {
        let offset = 0;
        while (offset < bytes.length) {
          try {
            offset += writeSync(fd, bytes, offset);
          } catch (cause) {
            const code = (cause as NodeJS.ErrnoException).code;
            if (code === 'EPIPE') return;
            if (code !== 'EAGAIN') throw cause;
            Atomics.wait(PAUSE, 0, 0, 2);
          }
        }
      } finally {
        bytes.fill(0);
      }
    },
  };
}

/** The process's own streams, each created on first use (`get` creates none of them). */
export function processIo(): CliIo {
  const stdout = fdOut(1);
  return {
    get stdin() {
      return process.stdin;
    },
    stdout,
    get stderr() {
      return process.stderr;
    },
    env: process.env,
  };
}

/** Reads piped stdin line by line, once; later readers get the following lines. */
export class StdinLines {
  private lines: string[] | null = null;
  private index = 0;

  constructor(private readonly io: CliIo) {}

  get isTty(): boolean {
    return this.io.stdin.isTTY === true;
  }

  private async load(): Promise<string[]> {
    if (this.lines) return this.lines;
    const chunks: Buffer[] = [];
    for await (const chunk of this.io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    const text = Buffer.concat(chunks).toString('utf8');
    const lines = text.split(/\r?\n/);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    this.lines = lines;
    return lines;
  }

  /** The next line, or null when stdin is exhausted. */
  async nextLine(): Promise<string | null> {
    const lines = await this.load();
    const line = lines[this.index];
    if (line === undefined) return null;
    this.index += 1;
    return line;
  }
}

/** Asks on the terminal without echoing what is typed (src/cli/prompt.ts, loaded only to ask). */
export async function promptHidden(io: CliIo, question: string): Promise<string> {
  const { askHidden } = await import('./prompt');
  return askHidden(io, question);
}
