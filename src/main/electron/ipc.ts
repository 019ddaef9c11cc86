/**
 * invoke/handle only; the window's channels come from the action map, every answer is a Result,
 * every caller is checked (ipc-binding.ts). Main → window events go through window-events.ts
 * (webContents.send), not ipcMain.
 */
import type { ApiHandlers } from '../api/handler';
import { bindIpcChannels, type IpcMainLike, type SenderCheck } from './ipc-binding';

export function registerIpc(ipcMain: IpcMainLike, handlers: ApiHandlers, isTrustedSender: SenderCheck): () => void {
  return bindIpcChannels(ipcMain, handlers, isTrustedSender);
}
