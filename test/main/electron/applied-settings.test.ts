/**
 * Settings saved through the real settings:set handler over a real vault file are applied at once
 * by main's Electron-edge logic (idle lock, sleep and screen lock, clipboard delay, theme, global
 * shortcut, notifications, reminder lead times), with fakes of the OS only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LockReason } from '../../../src/main/api/session-state';
import { leadTimesOf } from '../../../src/main/api/window-settings';
import { createAppliedSettings, type AppliedSettings } from '../../../src/main/electron/applied-settings';
import { startBackgroundWork } from '../../../src/main/electron/background';
import { createSecretClipboard } from '../../../src/main/electron/clipboard';
import { startIdleLock } from '../../../src/main/electron/idle-lock';
import { createSettingsEffects } from '../../../src/main/electron/settings-effects';
import { ProviderClients } from '../../../src/main/lifecycle/clients';
import { DAY_MS } from '../../../src/main/lifecycle/expiry';
import { createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';
import { FakeGlobalShortcut, FakeNativeTheme } from '../../support/fake-global-shortcut';
import { FakeNotifier } from '../../support/fake-notifier';
import { FakeOsClipboard } from '../../support/fake-os-clipboard';
import { FakePowerMonitor } from '../../support/fake-power-monitor';

let f: ApiFixture;
let shortcut: FakeGlobalShortcut;
let theme: FakeNativeTheme;
let settings: AppliedSettings;
let presses: number;
const log: string[] = [];

beforeEach(async () => {
  shortcut = new FakeGlobalShortcut();
  theme = new FakeNativeTheme();
  presses = 0;
  const effects = createSettingsEffects({ globalShortcut: shortcut, nativeTheme: theme, onShortcut: () => presses++ });
  f = await createApiFixture({ settingsEffects: effects });
  settings = createAppliedSettings({ session: f.context.session, effects, log: (line) => log.push(line) });
});

afterEach(() => {
  settings.stop();
  f.close();
});

describe('settings apply at once', () => {
  it('locks after the new idle minutes, and only on sleep or screen lock when those are on', async () => {
    const power = new FakePowerMonitor();
    const locks: LockReason[] = [];
    const stop = startIdleLock({
      power,
      clock: f.clock,
      lock: (reason) => locks.push(reason),
      idleMinutes: () => settings.current().lockIdleMinutes,
      lockOnSleep: () => settings.current().lockOnSleep,
      lockOnScreenLock: () => settings.current().lockOnScreenLock,
    });
    power.idleSeconds = 3 * 60;
    f.clock.advance(30_000);
    expect(locks).toEqual([]);
    const saved = value(await f.api['settings:set']({ lockIdleMinutes: 3, lockOnSleep: false }));
    expect(saved).toMatchObject({ lockIdleMinutes: 3, lockOnSleep: false, lockOnScreenLock: true });
    f.clock.advance(30_000);
    expect(locks).toEqual(['idle']);
    power.emit('suspend');
    power.emit('lock-screen');
    expect(locks).toEqual(['idle', 'screen-lock']);
    stop();
  });

  it('clears the clipboard after the new delay, on the next copy', async () => {
    const os = new FakeOsClipboard();
    const clipboard = createSecretClipboard(os, f.clock, {
      clearAfterMs: () => settings.current().clipboardClearSeconds * 1000,
    });
    value(await f.api['settings:set']({ clipboardClearSeconds: 45 }));
    const { clearsAt } = await clipboard.copy('sk-value');
    expect(clearsAt - f.clock.now()).toBe(45_000);
  });

  it('sets the theme on nativeTheme, and again from the vault after the next unlock', async () => {
    value(await f.api['settings:set']({ theme: 'dark' }));
    expect(theme.themeSource).toBe('dark');
    theme.themeSource = 'system';
    value(await f.api['vault:lock']({}));
    value(await f.api['vault:unlock']({ password: 'correct horse battery' }));
    expect(theme.themeSource).toBe('dark');
  });

  it('registers the global shortcut (off by default), replaces it, and turns it off', async () => {
    expect(value(await f.api['settings:get']({})).globalShortcut).toBeNull();
    expect(shortcut.registered.size).toBe(0);
    value(await f.api['settings:set']({ globalShortcut: 'CommandOrControl+Shift+K' }));
    shortcut.press('CommandOrControl+Shift+K');
    expect(presses).toBe(1);
    value(await f.api['settings:set']({ globalShortcut: 'Alt+Space' }));
    expect([...shortcut.registered.keys()]).toEqual(['Alt+Space']);
    expect(f.vault().getSetting('shortcut.global')).toBe('Alt+Space');
    value(await f.api['settings:set']({ globalShortcut: null }));
    expect(shortcut.registered.size).toBe(0);
    expect(value(await f.api['settings:get']({})).globalShortcut).toBeNull();
  });

  it('refuses a taken, unparsable or modifier-less shortcut with a sentence, storing nothing', async () => {
    value(await f.api['settings:set']({ globalShortcut: 'Alt+Space' }));
    shortcut.takenElsewhere.add('Control+Alt+T');
    shortcut.unparsable.add('Super+F24');
    const before = f.hashFiles();
    const cases = [
      ['Control+Alt+T', /already used by another app/],
      ['Super+F24', /does not accept/],
      ['K', /needs at least one modifier/],
      ['Ctrl+Ctrl+K', /modifier twice/],
      ['Ctrl+', /not a shortcut/],
      ['Ctrl+Banana', /does not end with a key/],
    ] as const;
    for (const [accelerator, message] of cases) {
      const refused = await f.api['settings:set']({ globalShortcut: accelerator, theme: 'light' });
      if (refused.ok) throw new Error(`took ${accelerator}`);
      expect(refused.error.code).toBe('INVALID_INPUT');
      expect(refused.error.message).toMatch(message);
      expect(refused.error.message).toMatch(/[.!]$/);
    }
    expect(f.hashFiles()).toBe(before);
    expect([...shortcut.registered.keys()]).toEqual(['Alt+Space']);
    expect(theme.themeSource).toBe('system');
  });

  it('re-registers the stored shortcut on unlock, and says so when another app took it meanwhile', async () => {
    value(await f.api['settings:set']({ globalShortcut: 'Alt+Space' }));
    value(await f.api['settings:set']({ globalShortcut: null }));
    value(await f.api['settings:set']({ globalShortcut: 'Alt+K' }));
    shortcut.unregister('Alt+K');
    value(await f.api['vault:lock']({}));
    // The effects still think Alt+K is theirs; take it away, as another app would after a restart.
    const fresh = new FakeGlobalShortcut();
    fresh.takenElsewhere.add('Alt+K');
    const effects = createSettingsEffects({ globalShortcut: fresh, nativeTheme: theme, onShortcut: () => undefined });
    const again = createAppliedSettings({ session: f.context.session, effects, log: (line) => log.push(line) });
    value(await f.api['vault:unlock']({ password: 'correct horse battery' }));
    expect(log.at(-1)).toMatch(/global shortcut was not registered: “Alt\+K” is already used/);
    again.stop();
  });

  it('keeps notifications of a kind switched off quiet, also after a lock', async () => {
    const notifier = new FakeNotifier();
    const power = new FakePowerMonitor();
    const background = startBackgroundWork({
      session: f.context.session,
      clock: f.clock,
      monotonicNow: () => f.clock.now(),
      notifier,
      power,
      clientsFor: (vault) => new ProviderClients(vault, { now: () => f.clock.now() }),
      reconcile: async () => ({ outcomes: [], entries: [], orphansRevoked: 0, revokeFailed: 0, errors: [] }),
      lockedSummary: () => null,
      notifies: (kind) => settings.current().notifications[kind],
      leadTimes: () => leadTimesOf(settings.current()),
    });
    value(await f.api['tenant:add']({ name: 'acme' }));
    value(await f.api['environment:add']({ tenant: 'acme', name: 'prod' }));
    const expiresAt = f.clock.now() + 40 * DAY_MS;
    value(await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'ci', secret: 'sk-1', expiresAt }));
    await background.settled();
    background.scheduler.wake();
    f.clock.advance(7 * DAY_MS);
    expect(notifier.shown).toEqual([]);
    // 33 days left: a 35-day lead time makes the token due now, and the re-plan on wake reminds at once.
    value(await f.api['settings:set']({ reminderLeadDays: { 'api-key': 35, manual: 35 } }));
    background.scheduler.wake();
    f.clock.advance(1000);
    expect(notifier.shown.map((n) => n.title)).toEqual(['Token expiring']);
    value(await f.api['settings:set']({ notifications: { expiry: false } }));
    expect(value(await f.api['settings:get']({})).notifications).toEqual({
      expiry: false,
      rotation: true,
      problem: true,
      'cli-approval': true,
    });
    const soon = f.clock.now() + 2 * DAY_MS;
    value(
      await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'cd', secret: 'sk-2', expiresAt: soon }),
    );
    background.scheduler.wake();
    f.clock.advance(1000);
    expect(notifier.shown).toHaveLength(1);
    value(await f.api['vault:lock']({}));
    expect(settings.current().notifications.expiry).toBe(false);
    background.stop();
  });

  it('silences the terminal-approval notification while its switch is off', async () => {
    const notifier = new FakeNotifier();
    const approvals = settings.notifierFor('cli-approval', notifier);
    approvals.notify('A terminal is asking', 'first');
    value(await f.api['settings:set']({ notifications: { 'cli-approval': false } }));
    approvals.notify('A terminal is asking', 'second');
    value(await f.api['vault:lock']({}));
    approvals.notify('A terminal is asking', 'while locked');
    expect(notifier.shown.map((n) => n.body)).toEqual(['first']);
  });

  it('refuses a lead time out of range with a sentence', async () => {
    expect(errorCode(await f.api['settings:set']({ reminderLeadDays: { 'api-key': 0 } }))).toBe('INVALID_INPUT');
    expect(errorCode(await f.api['settings:set']({ reminderLeadDays: { session: 3 } as never }))).toBe('INVALID_INPUT');
  });
});

describe('applying at unlock', () => {
  it('never fails the unlock: a theme the OS refuses is logged', async () => {
    const effects = {
      setTheme: () => {
        throw new Error('no native theme here');
      },
      setGlobalShortcut: () => undefined,
    };
    const broken = createAppliedSettings({ session: f.context.session, effects, log: (line) => log.push(line) });
    value(await f.api['vault:lock']({}));
    value(await f.api['vault:unlock']({ password: 'correct horse battery' }));
    expect(log.at(-1)).toBe('The theme was not applied: no native theme here');
    broken.stop();
  });
});
