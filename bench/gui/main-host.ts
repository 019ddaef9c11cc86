/**
 * bench:gui's main process: the real api handlers over the vault folder and the WebSocket server
 * the page's `window.keyturn` talks to, in a process that holds nothing else, as Electron's main
 * process holds only the app. Bundled and started with plain `node` by `startMainHost`
 * (main-host-apart.ts) through `fork`; argv: the vault folder. It tells the parent the server's
 * URL, then answers its requests (main-host-protocol.ts), and exits when the parent goes away.
 */
import { createApiHandlers, createWindowEvents } from '../../src/main/api';
import { systemClock } from '../../src/main/api/ports';
import type { Result } from '../../src/shared/errors';
import { createTestContext } from '../../test/support/api-fixture';
import { HOST_REQUEST, type HostMessage, type HostRequest } from './main-host-protocol';
import { startWsServer } from './ws-bridge';

const dir = process.argv[2];
const send = process.send?.bind(process);
if (dir === undefined || send === undefined) throw new Error('usage: fork(main-host, [VAULT_DIR])');

const events = createWindowEvents();
const { context } = createTestContext(dir, { clock: systemClock(), events });
const api = createApiHandlers(context);
const server = await startWsServer(api, events);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Main's share of a keystroke apart: the handler's answer, and the structured clone Electron's IPC makes of it. */
async function cloneTimes(texts: readonly string[], limit: number): Promise<number[]> {
  const times: number[] = [];
  for (const text of texts) {
    const answer = value(await api['tokens:window']({ text, limit }));
    const started = performance.now();
    structuredClone(answer);
    times.push(performance.now() - started);
  }
  return times;
}

async function answer(request: HostRequest): Promise<unknown> {
  switch (request.op) {
    case 'calls':
      return server.calls;
    case 'lock':
      value(await api['vault:lock']({}));
      return null;
    case 'clones':
      return cloneTimes(request.texts, request.limit);
    case 'close':
      await server.close();
      context.session.lock('user');
      return null;
  }
}

function reply(message: HostMessage, then?: () => void): void {
  send?.(message, undefined, undefined, then);
}

process.on('message', (message: unknown) => {
  const request = HOST_REQUEST.parse(message);
  answer(request).then(
    (value) => reply({ id: request.id, ok: true, value }, request.op === 'close' ? () => process.exit(0) : undefined),
    (error: unknown) => reply({ id: request.id, ok: false, message: String(error) }),
  );
});
// The bench gone (finished, thrown or killed): no main process left behind.
process.on('disconnect', () => process.exit(0));
reply({ ready: server.url });
