/**
 * Linux has no powerMonitor 'lock-screen' (Electron emits it on macOS and Windows only), so on Linux
 * the vault locks when the session's screensaver says it became active, over D-Bus: the
 * freedesktop interface (KDE, Xfce and others) and the desktops' own (GNOME, Cinnamon, MATE) all
 * send ActiveChanged(boolean). The bus itself is behind ScreenSaverBus (dbus-screen-lock.ts is the
 * real one), so this logic runs in tests with a fake bus.
 */
import type { LockReason } from '../api/session-state';

export const SCREENSAVER_INTERFACES = [
  'org.freedesktop.ScreenSaver',
  'org.gnome.ScreenSaver',
  'org.cinnamon.ScreenSaver',
  'org.mate.ScreenSaver',
  'org.xfce.ScreenSaver',
] as const;

/** D-Bus match rules for the signals we listen to (one per interface). */
export const SCREENSAVER_MATCH_RULES = SCREENSAVER_INTERFACES.map(
  (name) => `type='signal',interface='${name}',member='ActiveChanged'`,
);

/** The fields of a D-Bus message this logic reads. */
export interface BusMessage {
  readonly type: number;
  readonly interface?: string;
  readonly member?: string;
  readonly signature?: string;
  readonly body?: readonly unknown[];
}

/** D-Bus message type 4 is SIGNAL (D-Bus specification, "Message types"). */
const SIGNAL = 4;

/** True only for a screensaver's ActiveChanged(true): the screen was locked or blanked. */
export function isScreenLocked(message: BusMessage): boolean {
  return (
    message.type === SIGNAL &&
    message.member === 'ActiveChanged' &&
    (SCREENSAVER_INTERFACES as readonly (string | undefined)[]).includes(message.interface) &&
    message.signature === 'b' &&
    message.body?.[0] === true
  );
}

export interface ScreenSaverBus {
  /**
   * Subscribes to the match rules on the session bus and passes on every message that arrives.
   * Resolves with a function that disconnects; rejects when there is no session bus.
   */
  listen(rules: readonly string[], onMessage: (message: BusMessage) => void): Promise<() => void>;
}

export interface ScreenLockDeps {
  readonly bus: ScreenSaverBus;
  readonly lock: (reason: LockReason) => void;
  /** No session bus (a bare X session, a container): idle and suspend still lock. */
  readonly unavailable: (cause: unknown) => void;
}

/** Starts listening; returns a function that stops, also if the bus is still connecting. */
export function watchScreenLock(deps: ScreenLockDeps): () => void {
  let stopped = false;
  const listening = deps.bus
    .listen(SCREENSAVER_MATCH_RULES, (message) => {
      if (!stopped && isScreenLocked(message)) deps.lock('screen-lock');
    })
    .catch((cause: unknown) => {
      deps.unavailable(cause);
      return null;
    });
  return () => {
    stopped = true;
    void listening.then((disconnect) => disconnect?.());
  };
}
