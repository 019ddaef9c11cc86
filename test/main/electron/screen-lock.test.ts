import { describe, expect, it } from 'vitest';
import {
  SCREENSAVER_MATCH_RULES,
  isScreenLocked,
  watchScreenLock,
  type BusMessage,
  type ScreenSaverBus,
} from '../../../src/main/electron/screen-lock';

const SIGNAL = 4;
const activeChanged = (iface: string, active: unknown, signature = 'b'): BusMessage => ({
  type: SIGNAL,
  interface: iface,
  member: 'ActiveChanged',
  signature,
  body: [active],
});

/** A session bus the test speaks for: it records the rules and delivers what the test sends. */
class FakeBus implements ScreenSaverBus {
  rules: readonly string[] = [];
  disconnected = false;
  deliver: (message: BusMessage) => void = () => undefined;
  constructor(private readonly failure: Error | null = null) {}
  async listen(rules: readonly string[], onMessage: (message: BusMessage) => void): Promise<() => void> {
    if (this.failure !== null) throw this.failure;
    this.rules = rules;
    this.deliver = onMessage;
    return () => (this.disconnected = true);
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('screen lock over D-Bus (logic)', () => {
  it("takes ActiveChanged(true) from freedesktop's and the desktops' screensavers as a lock", () => {
    for (const iface of ['org.freedesktop.ScreenSaver', 'org.gnome.ScreenSaver', 'org.cinnamon.ScreenSaver']) {
      expect(isScreenLocked(activeChanged(iface, true))).toBe(true);
    }
  });

  it('ignores the screen coming back, other interfaces, other members, method calls and odd bodies', () => {
    expect(isScreenLocked(activeChanged('org.gnome.ScreenSaver', false))).toBe(false);
    expect(isScreenLocked(activeChanged('org.example.Evil', true))).toBe(false);
    expect(isScreenLocked({ ...activeChanged('org.gnome.ScreenSaver', true), member: 'WakeUpScreen' })).toBe(false);
    expect(isScreenLocked({ ...activeChanged('org.gnome.ScreenSaver', true), type: 1 })).toBe(false);
    expect(isScreenLocked(activeChanged('org.gnome.ScreenSaver', 'true', 's'))).toBe(false);
    expect(isScreenLocked({ type: SIGNAL, interface: 'org.gnome.ScreenSaver', member: 'ActiveChanged' })).toBe(false);
  });

  it('subscribes to each screensaver interface and locks with the screen-lock reason', async () => {
    const bus = new FakeBus();
    const reasons: string[] = [];
    const stop = watchScreenLock({ bus, lock: (reason) => reasons.push(reason), unavailable: () => undefined });
    await settle();
    expect(bus.rules).toEqual(SCREENSAVER_MATCH_RULES);
    expect(bus.rules).toContain("type='signal',interface='org.freedesktop.ScreenSaver',member='ActiveChanged'");
    bus.deliver(activeChanged('org.gnome.ScreenSaver', false));
    bus.deliver(activeChanged('org.gnome.ScreenSaver', true));
    expect(reasons).toEqual(['screen-lock']);
    stop();
    await settle();
    expect(bus.disconnected).toBe(true);
    bus.deliver(activeChanged('org.gnome.ScreenSaver', true));
    expect(reasons).toEqual(['screen-lock']);
  });

  it('reports a missing session bus and goes on (idle and suspend still lock)', async () => {
    const causes: unknown[] = [];
    const stop = watchScreenLock({
      bus: new FakeBus(new Error('no session bus')),
      lock: () => undefined,
      unavailable: (cause) => causes.push(cause),
    });
    await settle();
    expect(causes).toHaveLength(1);
    stop();
  });
});
