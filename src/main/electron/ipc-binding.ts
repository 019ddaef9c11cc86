/**
 * Binds the window's actions to their handlers, generically, behind a sender check.
 * ipc.ts passes Electron's ipcMain; tests pass a fake.
 */
import { err } from '../../shared/errors';
import type { Channel } from '../../shared/ipc';
import { KEYTURN_ACTIONS } from '../../shared/keyturn-api';
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

/**
 * The window's surface (DESIGN §5): the channels behind the preload's actions, whatever the action
 * map holds, and nothing else. The CLI's channels (bulk secrets, exports, admin) are never bound
 * for the window, so code running in the renderer cannot reach them even by calling invoke itself.
 */
export function windowChannels(actions: Readonly<Record<string, Channel>> = KEYTURN_ACTIONS): readonly Channel[] {
  return [...new Set(Object.values(actions))];
}

/** Registers the window's channels; returns a function that removes them again. */
export function bindIpcChannels(
  ipc: IpcMainLike,
  handlers: ApiHandlers,
  isTrustedSender: SenderCheck,
  channels: readonly Channel[] = windowChannels(),
): () => void {
  for (const channel of channels) {
    ipc.handle(channel, (event, input) => answer(channel, handlers, isTrustedSender(event), input));
  }
  return () => channels.forEach((channel) => ipc.removeHandler(channel));
}

async function answer(channel: Channel, handlers: ApiHandlers, isTrusted: boolean, input: unknown): Promise<unknown> {
  if (!isTrusted) return err('INTERNAL', 'Request refused: not sent by the Keyturn window');
  return handlers[channel](input);
}

export interface TrustedSender {
  /** The id of Keyturn's window's WebContents (taken when it was created), or null while there is none. */
  readonly webContentsId: () => number | null;
  /** The URL the window loads (app://keyturn/index.html, or the dev server in development). */
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

/**
 * file: URLs compare by path (their origin is opaque); every other scheme by scheme and host, as
 * WHATWG URL gives custom schemes such as app: an opaque ("null") origin, which would match any.
 */
function pageIdentity(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol === 'file:') return `file:${url.pathname}`;
    return url.host === '' ? null : `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}
