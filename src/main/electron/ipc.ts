/**
 * The only user of ipcMain (lint enforces it). invoke/handle only; every channel comes from
 * the contract, every answer is a Result, every caller is checked. Main → window events go
 * through window-events.ts (webContents.send), not ipcMain.
 */
import { ipcMain } from 'electron';
import type { ApiHandlers } from '../api/handler';
import { bindIpcChannels, type SenderCheck } from './ipc-binding';

export function registerIpc(handlers: ApiHandlers, isTrustedSender: SenderCheck): () => void {
  return bindIpcChannels(ipcMain, handlers, isTrustedSender);
}
