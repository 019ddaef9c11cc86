/**
 * The sender check when the window's own URL cannot be parsed: nothing is trusted, not even a
 * frame whose URL cannot be parsed either (two unknowns are not the same page). And what an
 * untrusted caller is told.
 */
import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../../src/shared/errors';
import { CHANNELS } from '../../../src/shared/ipc';
import type { ApiHandlers } from '../../../src/main/api';
import { bindIpcChannels, createSenderCheck, type InvokeEventLike } from '../../../src/main/electron/ipc-binding';

const frame = (url: string): InvokeEventLike => ({ sender: { id: 7 }, senderFrame: { url, parent: null } });

describe('the IPC sender check', () => {
  it('trusts no frame when the window URL it was given does not parse', () => {
    const check = createSenderCheck({ webContentsId: () => 7, rendererUrl: 'not a url' });
    expect(check(frame('not a url'))).toBe(false);
    expect(check(frame('also not a url'))).toBe(false);
    expect(check(frame('file:///opt/Keyturn/index.html'))).toBe(false);
  });

  it('trusts no frame when the window URL has no host (a custom scheme without //: every page would match)', () => {
    const check = createSenderCheck({ webContentsId: () => 7, rendererUrl: 'app:index.html' });
    expect(['app:index.html', 'app:evil.html', 'about:blank'].map((url) => check(frame(url)))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('answers an untrusted caller with a refusal that says why, never the handler result', async () => {
    const listeners = new Map<string, (event: InvokeEventLike, input: unknown) => Promise<unknown>>();
    const handlers = Object.fromEntries(
      CHANNELS.map((channel) => [channel, async (input: unknown): Promise<Result<unknown>> => ok({ handled: input })]),
    ) as ApiHandlers;
    bindIpcChannels(
      { handle: (channel, listener) => void listeners.set(channel, listener), removeHandler: () => undefined },
      handlers,
      () => false,
    );
    const answer = await listeners.get('vault:status')?.(frame('https://evil.example/'), {});
    expect(answer).toEqual(err('INTERNAL', 'Request refused: not sent by the Keyturn window'));
  });
});
