/**
 * invoke/handle only; the window's channels come from the action map, every answer is a Result,
 * every caller is checked (ipc-binding.ts). Main → window events go through here too.
 */
import { IPC_EVENTS, type SessionChangedEvent } from '../../shared/keyturn-api';
import type { ApiHandlers } from '../api/handler';
import type { WebContentsLike } from './electron-api';
import { bindIpcChannels, type IpcMainLike, type SenderCheck } from './ipc-binding';

export function registerIpc(ipcMain: IpcMainLike, handlers: ApiHandlers, isTrustedSender: SenderCheck): () => void {
  return bindIpcChannels(ipcMain, handlers, isTrustedSender);
}

/** Lock by idle, suspend or screen lock, and unlock, told to the window. */
export function sendSessionChanged(
  contents: Pick<WebContentsLike, 'send' | 'isDestroyed'> | null,
  event: SessionChangedEvent,
): void {
  if (contents !== null && !contents.isDestroyed()) contents.send(IPC_EVENTS['session:changed'], event);
}
