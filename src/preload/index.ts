/**
 * The only user of ipcRenderer (lint enforces it). Exposes `window.keyturn`: one function per
 * user action from the shared action map, never ipcRenderer itself. Runs sandboxed (CommonJS).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENTS, KEYTURN_ACTIONS, type SessionChangedEvent } from '../shared/keyturn-api';
import type { KeyturnApi } from './api';

const actions = Object.fromEntries(
  Object.entries(KEYTURN_ACTIONS).map(([action, channel]) => [
    action,
    (input?: unknown) => ipcRenderer.invoke(channel, input ?? {}),
  ]),
);

const onSessionChanged = (listener: (event: SessionChangedEvent) => void): (() => void) => {
  const forward = (_event: IpcRendererEvent, payload: SessionChangedEvent): void => listener(payload);
  ipcRenderer.on(IPC_EVENTS['session:changed'], forward);
  return () => ipcRenderer.removeListener(IPC_EVENTS['session:changed'], forward);
};

// The map is built from KEYTURN_ACTIONS, whose channels' types KeyturnApi is derived from.
const api = { ...actions, onSessionChanged } as KeyturnApi;

contextBridge.exposeInMainWorld('keyturn', api);
