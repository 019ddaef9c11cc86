/**
 * Where main's window events are told: handlers emit lifecycle progress and vault changes here,
 * the session and the scheduler are joined in by joinWindowEvents, and whoever shows them listens
 * (Electron's webContents.send through electron/window-events.ts, the browser test bridge).
 * Pure of Electron; one hub per app, built by the composition root and put in the AppContext.
 */
import type { VaultChangeScope, WindowEventName, WindowEventPayload } from '../../shared/window-events';

/** One event: its channel and payload, paired so a listener can switch on the name. */
export type WindowEvent = {
  [E in WindowEventName]: { readonly name: E; readonly payload: WindowEventPayload<E> };
}[WindowEventName];

export interface WindowEvents {
  emit<E extends WindowEventName>(name: E, payload: WindowEventPayload<E>): void;
  /** Tells the window the vault changed (with the next revision). */
  changed(scope: VaultChangeScope): void;
  subscribe(listener: (event: WindowEvent) => void): () => void;
}

export function createWindowEvents(): WindowEvents {
  const listeners = new Set<(event: WindowEvent) => void>();
  let revision = 0;
  const hub: WindowEvents = {
    emit(name, payload) {
      const event = { name, payload } as WindowEvent;
      for (const listener of [...listeners]) {
        // A listener that throws (a closed window) must not stop the others or the handler.
        try {
          listener(event);
        } catch {
          continue;
        }
      }
    },
    changed(scope) {
      revision += 1;
      hub.emit('vault:changed', { revision, scope });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return hub;
}
