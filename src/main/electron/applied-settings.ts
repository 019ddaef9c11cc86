/**
 * The settings as main applies them. Settings live sealed in the vault, so they can be read only
 * while it is unlocked; the last values read are kept across a lock (none is a secret: minutes,
 * switches, a theme, a shortcut) so a locked app still honours them (notifications off, the
 * theme, the shortcut). Before the first unlock of a run the defaults apply.
 *
 * Each read while unlocked goes to the vault, so a change made by settings:set (or by the CLI on
 * the same file) applies at the next check: the idle timer's next tick, the next copy, the next
 * notification. On unlock the theme and the global shortcut are applied from the vault.
 */
import type { SessionChangedEvent } from '../../shared/keyturn-api';
import type { NotificationKind } from '../../shared/window-settings';
import type { Notifier } from '../api/ports';
import type { SettingsEffects } from '../api/settings-effects';
import { readStoredSettings, type StoredSettings } from '../api/window-settings';
import type { Session } from '../api/session-state';

export interface AppliedSettingsDeps {
  readonly session: {
    current(): Session;
    onChange(listener: (event: SessionChangedEvent) => void): () => void;
  };
  readonly effects: SettingsEffects;
  /** A stored shortcut the OS refuses now (another app took it since): said, and the rest applies. */
  readonly log: (message: string) => void;
}

export interface AppliedSettings {
  current(): StoredSettings;
  /** The notifier for one kind of notification: silent while the user has that kind off. */
  notifierFor(kind: NotificationKind, notifier: Notifier): Notifier;
  stop(): void;
}

export function createAppliedSettings(deps: AppliedSettingsDeps): AppliedSettings {
  let remembered = readStoredSettings(() => null);
  const current = (): StoredSettings => {
    const session = deps.session.current();
    if (session.state !== 'unlocked') return remembered;
    try {
      remembered = readStoredSettings((key) => session.vault.getSetting(key));
    } catch {
      // Locked between the check and the read: the remembered values stand.
    }
    return remembered;
  };
  const applyOnUnlock = (event: SessionChangedEvent): void => {
    if (event.state !== 'unlocked') return;
    // A listener that threw would fail the unlock itself: problems here are logged, never thrown.
    const settings = current();
    try {
      deps.effects.setTheme(settings.theme);
    } catch (cause) {
      deps.log(`The theme was not applied: ${messageOf(cause)}`);
    }
    try {
      deps.effects.setGlobalShortcut(settings.globalShortcut);
    } catch (cause) {
      deps.log(`The global shortcut was not registered: ${messageOf(cause)}`);
    }
  };
  const stop = deps.session.onChange(applyOnUnlock);
  const notifierFor = (kind: NotificationKind, notifier: Notifier): Notifier => ({
    notify: (title, body) => {
      if (current().notifications[kind]) notifier.notify(title, body);
    },
  });
  return { current, notifierFor, stop };
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
