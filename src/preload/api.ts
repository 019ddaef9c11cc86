/**
 * The type of `window.keyturn`, derived from the contract and the action map.
 * The renderer's Window type comes from here; nothing at runtime.
 */
import type { Channel, ChannelInput, ChannelResult } from '../shared/ipc';
import type { CliApprovalsChangedEvent } from '../shared/cli-approval';
import type { SessionChangedEvent } from '../shared/keyturn-api';
import type { KeyturnAction } from '../shared/keyturn-api';
import type { KEYTURN_ACTIONS } from '../shared/keyturn-api';

type ChannelOf<A extends KeyturnAction> = (typeof KEYTURN_ACTIONS)[A];

/** Channels without required input may be called with no argument. */
type ActionArgs<C extends Channel> =
  Record<string, never> extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>];

export type KeyturnApi = {
  readonly [A in KeyturnAction]: (...args: ActionArgs<ChannelOf<A>>) => Promise<ChannelResult<ChannelOf<A>>>;
} & {
  /** Main locked or unlocked the vault (user, idle, suspend, screen lock). Returns an unsubscribe. */
  readonly onSessionChanged: (listener: (event: SessionChangedEvent) => void) => () => void;
  /** The terminals waiting for approval changed (a new one asks, one was settled). Returns an unsubscribe. */
  readonly onCliApprovalsChanged: (listener: (event: CliApprovalsChangedEvent) => void) => () => void;
};
