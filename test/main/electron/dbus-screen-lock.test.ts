/**
 * The real D-Bus adapter against a real, private session bus (dbus-daemon, started here): a
 * screensaver's ActiveChanged(true) sent by another connection reaches the lock logic.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Message, MessageType, sessionBus } from '@jellybrick/dbus-next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbusScreenSaverBus } from '../../../src/main/electron/dbus-screen-lock';
import {
  SCREENSAVER_MATCH_RULES,
  isScreenLocked,
  watchScreenLock,
  type BusMessage,
} from '../../../src/main/electron/screen-lock';
import { tempDir } from '../../support/temp-dir';

let daemon: ChildProcess;
let address: string;

beforeAll(async () => {
  address = `unix:path=${join(tempDir('dbus'), 'bus')}`;
  daemon = spawn('dbus-daemon', ['--session', '--nofork', '--nopidfile', '--print-address', `--address=${address}`], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  // dbus-daemon prints its address once it listens.
  await new Promise<void>((resolve, reject) => {
    daemon.once('error', reject);
    daemon.stdout?.once('data', () => resolve());
  });
});

afterAll(() => {
  daemon.kill();
});

async function sendActiveChanged(iface: string, path: string, active: boolean): Promise<void> {
  const sender = sessionBus({ busAddress: address });
  // A method call first: the signal then goes out on a connection the bus has accepted.
  await sender.call(
    new Message({
      destination: 'org.freedesktop.DBus',
      path: '/org/freedesktop/DBus',
      interface: 'org.freedesktop.DBus',
      member: 'GetId',
    }),
  );
  sender.send(
    new Message({
      type: MessageType.SIGNAL,
      path,
      interface: iface,
      member: 'ActiveChanged',
      signature: 'b',
      body: [active],
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  sender.disconnect();
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) throw new Error('no signal arrived');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('screen lock over a real session bus', () => {
  it("delivers GNOME's and freedesktop's ActiveChanged, which the logic takes as locks only when true", async () => {
    const heard: BusMessage[] = [];
    const disconnect = await dbusScreenSaverBus(address).listen(SCREENSAVER_MATCH_RULES, (message) => {
      if (message.member === 'ActiveChanged') heard.push(message);
    });
    await sendActiveChanged('org.gnome.ScreenSaver', '/org/gnome/ScreenSaver', false);
    await sendActiveChanged('org.gnome.ScreenSaver', '/org/gnome/ScreenSaver', true);
    await sendActiveChanged('org.freedesktop.ScreenSaver', '/ScreenSaver', true);
    await until(() => heard.length === 3);
    expect(heard.map(isScreenLocked)).toEqual([false, true, true]);
    expect(heard.map((message) => message.interface)).toEqual([
      'org.gnome.ScreenSaver',
      'org.gnome.ScreenSaver',
      'org.freedesktop.ScreenSaver',
    ]);
    disconnect();
  });

  it('reports a bus it cannot reach instead of throwing in main', async () => {
    const problems: unknown[] = [];
    watchScreenLock({
      bus: dbusScreenSaverBus(`unix:path=${join(tempDir('dbus'), 'nobody-here')}`),
      lock: () => undefined,
      unavailable: (cause) => problems.push(cause),
    });
    await until(() => problems.length === 1);
    expect(problems[0]).toBeInstanceOf(Error);
  });
});
