/**
 * Main → window events: everything told to the event hub (session changes, lifecycle progress,
 * scheduler events, vault changes) is sent to Keyturn's window, if it has one. A closed or
 * destroyed window just misses them; it asks for the state again when it opens.
 */
import type { WebContentsLike } from './electron-api';
import type { WindowEvents } from '../api/event-hub';

export type EventTarget = Pick<WebContentsLike, 'send' | 'isDestroyed'>;

/** Returns a function that stops forwarding. */
export function forwardWindowEvents(events: WindowEvents, target: () => EventTarget | null): () => void {
  return events.subscribe((event) => {
    const contents = target();
    if (contents !== null && !contents.isDestroyed()) contents.send(event.name, event.payload);
  });
}
