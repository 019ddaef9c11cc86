import { describe, expect, it } from 'vitest';
import { ok, type Result } from '../../../src/shared/errors';
import { CHANNELS } from '../../../src/shared/ipc';
import type { ApiHandlers } from '../../../src/main/api';
import {
  bindIpcChannels,
  createSenderCheck,
  windowChannels,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../../src/main/electron/ipc-binding';
import { KEYTURN_ACTIONS } from '../../../src/shared/keyturn-api';
import { EXPECTED_WINDOW_ACTIONS } from '../../support/window-actions';

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();

  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  invoke(channel: string, event: InvokeEventLike, input: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`no handler for ${channel}`);
    return handler(event, input);
  }
}

/** Handlers that echo which channel answered and what it received. */
function echoHandlers(): ApiHandlers {
  const entries = CHANNELS.map((channel) => [
    channel,
    async (input: unknown): Promise<Result<unknown>> => ok({ channel, input }),
  ]);
  return Object.fromEntries(entries) as ApiHandlers;
}

const PAGE = 'file:///opt/Keyturn/resources/app.asar/out/renderer/index.html';
const ownFrame = (url = PAGE, parent: unknown = null): InvokeEventLike => ({
  sender: { id: 7 },
  senderFrame: { url, parent },
});

describe('IPC binding', () => {
  it("binds only the channels behind the window's actions, and removes them all again", () => {
    const ipc = new FakeIpcMain();
    const unbind = bindIpcChannels(ipc, echoHandlers(), () => true);
    const bound = [...ipc.handlers.keys()].sort();
    expect(bound).toEqual([...new Set(Object.values(KEYTURN_ACTIONS))].sort());
    // And those are the channels written out by hand, not whatever the map holds today.
    expect(bound).toEqual([...new Set(Object.values(EXPECTED_WINDOW_ACTIONS))].sort());
    // Channels that hand out secrets in bulk stay CLI-only (DESIGN §5).
    for (const cliOnly of ['environment:secrets', 'token:secret']) expect(bound).not.toContain(cliOnly);
    expect(bound.length).toBeLessThan(CHANNELS.length);
    console.log(`${bound.length} of ${CHANNELS.length} contract channels bound for the window`);
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });

  it('follows the action map, whatever it holds', () => {
    expect(windowChannels({ status: 'vault:status', lock: 'vault:lock', alsoStatus: 'vault:status' })).toEqual([
      'vault:status',
      'vault:lock',
    ]);
    const ipc = new FakeIpcMain();
    bindIpcChannels(ipc, echoHandlers(), () => true, windowChannels({ history: 'token:history' }));
    expect([...ipc.handlers.keys()]).toEqual(['token:history']);
  });

  it('passes the input to the channel handler and returns its Result', async () => {
    const ipc = new FakeIpcMain();
    bindIpcChannels(ipc, echoHandlers(), () => true);
    await expect(ipc.invoke('token:copy', ownFrame(), { tokenId: 't1' })).resolves.toEqual(
      ok({ channel: 'token:copy', input: { tokenId: 't1' } }),
    );
  });

  it('refuses an untrusted sender without running the handler', async () => {
    const ipc = new FakeIpcMain();
    let ran = false;
    const handlers = {
      ...echoHandlers(),
      'token:reveal': async () => ((ran = true), ok({ tokenId: 'x', secret: 's' })),
    };
    bindIpcChannels(ipc, handlers, () => false);
    const answer = (await ipc.invoke('token:reveal', ownFrame(), { tokenId: 'x' })) as Result<unknown>;
    expect(answer.ok).toBe(false);
    expect(ran).toBe(false);
  });
});

describe('sender check', () => {
  const check = createSenderCheck({ webContentsId: () => 7, rendererUrl: PAGE });

  it("accepts the main frame of Keyturn's window showing Keyturn's page", () => {
    expect(check(ownFrame())).toBe(true);
    expect(check(ownFrame(`${PAGE}#/tokens`))).toBe(true);
  });

  it('refuses another window, a subframe, another page and a missing frame', () => {
    expect(check({ sender: { id: 8 }, senderFrame: { url: PAGE, parent: null } })).toBe(false);
    expect(check(ownFrame(PAGE, {}))).toBe(false);
    expect(check(ownFrame('file:///tmp/evil.html'))).toBe(false);
    expect(check(ownFrame('https://evil.example/'))).toBe(false);
    expect(check({ sender: { id: 7 }, senderFrame: null })).toBe(false);
  });

  it('compares a dev server by origin', () => {
    const dev = createSenderCheck({ webContentsId: () => 7, rendererUrl: 'http://localhost:5173/' });
    expect(dev(ownFrame('http://localhost:5173/index.html'))).toBe(true);
    expect(dev(ownFrame('http://localhost:5174/'))).toBe(false);
  });

  it('compares the app:// page by scheme and host (its WHATWG origin is opaque)', () => {
    const app = createSenderCheck({ webContentsId: () => 7, rendererUrl: 'app://keyturn/index.html' });
    expect(app(ownFrame('app://keyturn/index.html#/tokens'))).toBe(true);
    expect(app(ownFrame('app://evil/index.html'))).toBe(false);
    expect(app(ownFrame('other://keyturn/index.html'))).toBe(false);
    expect(app(ownFrame('file:///opt/Keyturn/index.html'))).toBe(false);
  });

  it('refuses everything while there is no window', () => {
    const noWindow = createSenderCheck({ webContentsId: () => null, rendererUrl: PAGE });
    expect(noWindow(ownFrame())).toBe(false);
  });
});
