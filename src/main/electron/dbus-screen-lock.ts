/**
 * The session bus through @jellybrick/dbus-next (a maintained, pure-JavaScript fork of dbus-next:
 * no native addon, so nothing to rebuild per runtime). Subscribes with AddMatch and hands every
 * message to screen-lock.ts, which decides what a lock is.
 */
import { EventEmitter } from 'node:events';
import { Message, sessionBus } from '@jellybrick/dbus-next';
import type { BusMessage, ScreenSaverBus } from './screen-lock';

export function dbusScreenSaverBus(busAddress?: string): ScreenSaverBus {
  return {
    async listen(rules, onMessage) {
      const bus = sessionBus(busAddress === undefined ? {} : { busAddress });
      // The bus reports a refused or lost connection as 'error' (not in its typed events); left
      // unheard, that would be an uncaught exception in main.
      const failed = new Promise<never>((_resolve, reject) => {
        (bus as EventEmitter).on('error', reject);
      });
      try {
        for (const rule of rules) await Promise.race([bus.call(addMatch(rule)), failed]);
      } catch (cause) {
        bus.disconnect();
        throw cause;
      }
      failed.catch(() => undefined);
      bus.on('message', (message: BusMessage) => onMessage(message));
      return () => bus.disconnect();
    },
  };
}

function addMatch(rule: string): Message {
  return new Message({
    destination: 'org.freedesktop.DBus',
    path: '/org/freedesktop/DBus',
    interface: 'org.freedesktop.DBus',
    member: 'AddMatch',
    signature: 's',
    body: [rule],
  });
}
