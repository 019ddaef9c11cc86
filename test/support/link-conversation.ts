/**
 * A hand-driven app-link client for tests that must send what `keyturn` never would (a wrong or
 * replayed folder proof): real frames over the real socket or pipe, answered by the real endpoint.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { PROC, type ProcFiles } from '../../src/main/app-link/client-identity';
import { encodeFrame, FrameReader } from '../../src/main/app-link/frames';
import { parseProcStat } from '../../src/main/app-link/proc-stat';

/** A pid no process has: on Linux, main reads it as this process showing `titles`' entry. */
export const TALKER_PID = 10_000_001;

export interface Challenge {
  readonly nonce: string;
  readonly proof?: string;
}

export interface Talk {
  /** The frames the app sent, in order. */
  readonly frames: readonly Record<string, unknown>[];
  /** The challenge's nonce, when one came. */
  readonly nonce: string | null;
  readonly ending: 'closed' | 'hung';
}

/**
 * /proc as main reads it, except that TALKER_PID reads as this process with the title the test
 * set for it, so a hand-driven client gets past the Linux process proof as `keyturn` does.
 */
export function talkerProc(titles: Map<number, string>): ProcFiles {
  const real = (pid: number): number => (pid === TALKER_PID ? process.pid : pid);
  return {
    read: (pid, file) =>
      file === 'cmdline' && pid === TALKER_PID ? `${titles.get(pid) ?? ''}\0` : PROC.read(real(pid), file),
    cwd: (pid) => PROC.cwd(real(pid)),
  };
}

/** A hello as `keyturn` sends it, claiming TALKER_PID; with a folder-proof nonce when given. */
export function talkerHello(vault: string, nonce?: string): Record<string, unknown> {
  const stat = process.platform === 'linux' ? parseProcStat(readFileSync('/proc/self/stat', 'latin1')) : null;
  const client = {
    pid: TALKER_PID,
    ppid: stat?.ppid ?? process.ppid,
    sid: stat?.session ?? null,
    tty: null,
    cwd: process.cwd(),
    command: 'get',
  };
  return nonce === undefined ? { v: 1, kind: 'hello', vault, client } : { v: 1, kind: 'hello', vault, client, nonce };
}

export function stripeCall(proof?: string): Record<string, unknown> {
  const input = { token: { ref: { tenant: 'acme', environment: 'prod', label: 'stripe' } }, purpose: 'get' };
  const call = { v: 1, kind: 'call', id: 1, channel: 'token:secret', input };
  return proof === undefined ? call : { ...call, proof };
}

/** Sends `hello`; on the challenge, `then` gives the call to send (or null to stop). */
export function talk(
  address: string,
  hello: Record<string, unknown>,
  then: (challenge: Challenge) => Record<string, unknown> | null,
): Promise<Talk> {
  return new Promise((resolve) => {
    const socket = connect(address);
    const frames: Record<string, unknown>[] = [];
    const reader = new FrameReader(1 << 26);
    let nonce: string | null = null;
    const giveUp = setTimeout(() => finish('hung'), 20_000);
    function finish(ending: Talk['ending']): void {
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ frames, nonce, ending });
    }
    socket.on('error', () => undefined);
    socket.on('close', () => finish('closed'));
    socket.on('data', (chunk: Buffer) => {
      for (const event of reader.push(chunk)) {
        if (event.kind !== 'frame') return finish('closed');
        const frame = event.value as Record<string, unknown>;
        frames.push(frame);
        // One call per conversation: after its answer the client is done.
        if (frame.kind === 'answer') socket.end();
        if (frame.kind !== 'challenge') continue;
        nonce = String(frame.nonce);
        const challenge = { nonce, ...(typeof frame.proof === 'string' ? { proof: frame.proof } : {}) };
        const call = then(challenge);
        if (call === null) socket.end();
        else socket.write(encodeFrame(call));
      }
    });
    socket.write(encodeFrame(hello));
  });
}
