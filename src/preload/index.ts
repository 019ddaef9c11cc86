/**
 * The only user of ipcRenderer (lint enforces it). Exposes `window.keyturn`: one function per
 * user action and one `onX` subscription per event, both built from the shared maps, never
 * ipcRenderer itself. Runs sandboxed (CommonJS).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { KEYTURN_ACTIONS, KEYTURN_EVENTS } from '../shared/keyturn-api';
import type { KeyturnApi } from './api';

const actions = Object.fromEntries(
  Object.entries(KEYTURN_ACTIONS).map(([action, channel]) => [
    action,
    (input?: unknown) => ipcRenderer.invoke(channel, input ?? {}),
  ]),
);

/** The listener gets the payload only, never the IPC event (it reaches ipcRenderer). */
const subscriptions = Object.fromEntries(
  Object.entries(KEYTURN_EVENTS).map(([subscription, channel]) => [
    subscription,
    (listener: (payload: unknown) => void) => {
      const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => void ipcRenderer.removeListener(channel, forward);
    },
  ]),
);

// Both maps come from the shared contract, whose types KeyturnApi is derived from.
const api = { ...actions, ...subscriptions } as KeyturnApi;

contextBridge.exposeInMainWorld('keyturn', api);
