/**
 * The type of `window.keyturn`, derived from the contract and the two maps (actions, events).
 * The renderer's Window type comes from here; nothing at runtime.
 */
import type { Channel, ChannelInput, ChannelResult } from '../shared/ipc';
import type { KEYTURN_ACTIONS, KEYTURN_EVENTS, KeyturnAction, KeyturnSubscription } from '../shared/keyturn-api';
import type { WindowEventPayload } from '../shared/window-events';

type ChannelOf<A extends KeyturnAction> = (typeof KEYTURN_ACTIONS)[A];
type EventOf<S extends KeyturnSubscription> = (typeof KEYTURN_EVENTS)[S];

/** Channels without required input may be called with no argument. */
type ActionArgs<C extends Channel> =
  Record<string, never> extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>];

export type KeyturnApi = {
  readonly [A in KeyturnAction]: (...args: ActionArgs<ChannelOf<A>>) => Promise<ChannelResult<ChannelOf<A>>>;
} & {
  /** Subscribes to an event main pushes (session, lifecycle progress, scheduler, vault changes); returns an unsubscribe. */
  readonly [S in KeyturnSubscription]: (listener: (event: WindowEventPayload<EventOf<S>>) => void) => () => void;
};
