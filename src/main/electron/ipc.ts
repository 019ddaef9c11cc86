/**
 * invoke/handle only; the window's channels come from the action map, every answer is a Result,
 * every caller is checked (ipc-binding.ts). Main → window events go through here too.
 */
import type { CliApprovalsChangedEvent } from '../../shared/cli-approval';
import { IPC_EVENTS, type SessionChangedEvent } from '../../shared/keyturn-api';
import type { ApiHandlers } from '../api/handler';
import type { WebContentsLike } from './electron-api';
import { bindIpcChannels, type IpcMainLike, type SenderCheck } from './ipc-binding';

export function registerIpc(ipcMain: IpcMainLike, handlers: ApiHandlers, isTrustedSender: SenderCheck): () => void {
  return bindIpcChannels(ipcMain, handlers, isTrustedSender);
}

/** The terminals waiting for the user's approval (the app link), told to the window. */
export function sendCliApprovals(
  contents: Pick<WebContentsLike, 'send' | 'isDestroyed'> | null,
  event: CliApprovalsChangedEvent,
): void {
  if (contents !== null && !contents.isDestroyed()) contents.send(IPC_EVENTS['cli-approvals:changed'], event);
}

/** Lock by idle, suspend or screen lock, and unlock, told to the window. */
export function sendSessionChanged(
  contents: Pick<WebContentsLike, 'send' | 'isDestroyed'> | null,
  event: SessionChangedEvent,
): void {
  if (contents !== null && !contents.isDestroyed()) contents.send(IPC_EVENTS['session:changed'], event);
}
