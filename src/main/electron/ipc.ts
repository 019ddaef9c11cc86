/**
 * The only user of ipcMain (lint enforces it). invoke/handle only; every channel comes from
 * the contract, every answer is a Result, every caller is checked.
 */
import { ipcMain, type WebContents } from 'electron';
import { IPC_EVENTS, type SessionChangedEvent } from '../../shared/keyturn-api';
import type { ApiHandlers } from '../api/handler';
import { bindIpcChannels, type SenderCheck } from './ipc-binding';

export function registerIpc(handlers: ApiHandlers, isTrustedSender: SenderCheck): () => void {
  return bindIpcChannels(ipcMain, handlers, isTrustedSender);
}

/** Main → window events (lock by idle, suspend or screen lock) go through here too. */
export function sendSessionChanged(
  contents: Pick<WebContents, 'send' | 'isDestroyed'>,
  event: SessionChangedEvent,
): void {
  if (!contents.isDestroyed()) contents.send(IPC_EVENTS['session:changed'], event);
}
