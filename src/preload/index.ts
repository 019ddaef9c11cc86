/**
 * The only user of ipcRenderer (lint enforces it). Exposes `window.keyturn`: one function per
 * user action from the shared action map, never ipcRenderer itself. Runs sandboxed (CommonJS).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENTS, KEYTURN_ACTIONS, type SessionChangedEvent } from '../shared/keyturn-api';
import type { CliApprovalsChangedEvent } from '../shared/cli-approval';
import type { KeyturnApi } from './api';

const actions = Object.fromEntries(
  Object.entries(KEYTURN_ACTIONS).map(([action, channel]) => [
    action,
    (input?: unknown) => ipcRenderer.invoke(channel, input ?? {}),
  ]),
);

/** Forwards one main → window event without Electron's event object. */
function subscribe<T>(channel: string): (listener: (payload: T) => void) => () => void {
  return (listener) => {
    const forward = (_event: IpcRendererEvent, payload: T): void => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => ipcRenderer.removeListener(channel, forward);
  };
}

const onSessionChanged = subscribe<SessionChangedEvent>(IPC_EVENTS['session:changed']);
const onCliApprovalsChanged = subscribe<CliApprovalsChangedEvent>(IPC_EVENTS['cli-approvals:changed']);

// The map is built from KEYTURN_ACTIONS, whose channels' types KeyturnApi is derived from.
const api = { ...actions, onSessionChanged, onCliApprovalsChanged } as KeyturnApi;

contextBridge.exposeInMainWorld('keyturn', api);
