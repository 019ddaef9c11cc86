/**
 * Binds every contract channel to its handler, generically, behind a sender check.
 * ipc.ts passes Electron's ipcMain; tests pass a fake.
 */
import { err } from '../../shared/errors';
import { CHANNELS, type Channel } from '../../shared/ipc';
import type { ApiHandlers } from '../api/handler';

export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export type SenderCheck = (event: InvokeEventLike) => boolean;

/** Registers all channels; returns a function that removes them again. */
export function bindIpcChannels(ipc: IpcMainLike, handlers: ApiHandlers, isTrustedSender: SenderCheck): () => void {
  for (const channel of CHANNELS) {
    ipc.handle(channel, (event, input) => answer(channel, handlers, isTrustedSender(event), input));
  }
  return () => CHANNELS.forEach((channel) => ipc.removeHandler(channel));
}

async function answer(channel: Channel, handlers: ApiHandlers, isTrusted: boolean, input: unknown): Promise<unknown> {
  if (!isTrusted) return err('INTERNAL', 'Request refused: not sent by the Keyturn window');
  return handlers[channel](input);
}

export interface TrustedSender {
  /** The id of Keyturn's window's WebContents, or null while there is none. */
  readonly webContentsId: () => number | null;
  /** The URL the window loaded (file:// index.html, or the dev server in development). */
  readonly rendererUrl: string;
}

/**
 * Only the main frame of Keyturn's own window, showing Keyturn's own page, may call.
 * An iframe or a page that somehow navigated elsewhere is refused.
 */
export function createSenderCheck(trusted: TrustedSender): SenderCheck {
  const expected = pageIdentity(trusted.rendererUrl);
  return (event) => {
    const frame = event.senderFrame;
    if (frame === null || frame.parent !== null) return false;
    if (event.sender.id !== trusted.webContentsId()) return false;
    return expected !== null && pageIdentity(frame.url) === expected;
  };
}

/** file: URLs compare by path (their origin is opaque); http(s) dev servers by origin. */
function pageIdentity(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'file:' ? `file:${url.pathname}` : url.origin;
  } catch {
    return null;
  }
}
