/** bench:gui's main process (main-host.ts) started apart, and its control channel. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { bundleForNode } from '../../test/support/vault-bundle';
import { CALL_RECORD, HOST_MESSAGE, type CallRecord, type HostAsk } from './main-host-protocol';

export interface MainHost {
  /** The WebSocket server's URL, for `installWsBridge`. */
  readonly url: string;
  /** Every call the page made to main so far, in order. */
  calls(): Promise<readonly CallRecord[]>;
  /** `vault:lock` in main. */
  lock(): Promise<void>;
  /** `tokens:window` for each text in main, and the ms of the structured clone of each answer there. */
  clones(texts: readonly string[], limit: number): Promise<number[]>;
  /** Closes the server, locks the session and waits for the process to exit. */
  close(): Promise<void>;
  /** Ends the process at once (the bench failed); nothing if it has exited. */
  kill(): void;
}

/**
 * Starts main-host.ts for the vault in `dir` with plain `node` on its esbuild bundle (as the app's
 * main is a bundle, natives external; socket.io stays external too: it is the bench's transport,
 * not the app's code) and none of this process's flags (no tsx, no --expose-gc).
 */
export async function startMainHost(dir: string): Promise<MainHost> {
  const entry = await bundleForNode(fileURLToPath(new URL('./main-host.ts', import.meta.url)), 'bench-main-host', {
    external: ['socket.io'],
  });
  const child = fork(entry, [dir], { execArgv: [], serialization: 'json' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.once('exit', (code, signal) => {
    for (const { reject } of pending.values()) reject(new Error(`the main process exited (${code ?? signal})`));
    pending.clear();
  });
  const url = await readyUrl(child);
  child.on('message', (raw) => {
    const message = HOST_MESSAGE.parse(raw);
    if (!('id' in message)) return;
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiting?.resolve(message.value);
    else waiting?.reject(new Error(`main: ${message.message}`));
  });
  let nextId = 0;
  const ask = (request: HostAsk): Promise<unknown> =>
    new Promise((resolve, reject) => {
      nextId += 1;
      pending.set(nextId, { resolve, reject });
      child.send({ ...request, id: nextId });
    });
  return {
    url,
    calls: async () => z.array(CALL_RECORD).parse(await ask({ op: 'calls' })),
    lock: async () => void (await ask({ op: 'lock' })),
    clones: async (texts, limit) => z.array(z.number()).parse(await ask({ op: 'clones', texts: [...texts], limit })),
    async close() {
      await ask({ op: 'close' });
      await exited;
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const failed = (code: number | null): void =>
      reject(new Error(`the main process exited before it was ready (${code})`));
    child.once('exit', failed);
    child.once('message', (raw) => {
      child.off('exit', failed);
      const message = HOST_MESSAGE.parse(raw);
      if ('ready' in message) resolve(message.ready);
      else reject(new Error('the main process answered before it was ready'));
    });
  });
}
