import {
  MAX_REMINDER_LEAD_DAYS,
  NOTIFICATION_KINDS,
  REMINDER_KINDS,
  THEMES,
  type NotificationKind,
  type ReminderKind,
  type Theme,
  type WindowSettings,
} from '../../../shared/window-settings';
import { NumberSetting, SwitchSetting } from './number-setting';
import type { SettingsState } from './use-settings';

export interface SectionProps {
  readonly settings: WindowSettings;
  readonly save: SettingsState['save'];
}

const REMINDER_NAMES: Readonly<Record<ReminderKind, string>> = {
  'api-key': 'API keys',
  'personal-access-token': 'Personal access tokens',
  'satellite-token': 'Satellite tokens',
  'admin-key': 'Admin keys',
  manual: 'Manual tokens',
};

const NOTIFICATION_NAMES: Readonly<Record<NotificationKind, string>> = {
  expiry: 'Expiry reminders',
  rotation: 'Rotations done',
  problem: 'Problems (a rotation failed or needs you, a revoke refused)',
  'cli-approval': 'A terminal asks for approval',
};

const THEME_NAMES: Readonly<Record<Theme, string>> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };

export function LockSection({ settings, save }: SectionProps): React.JSX.Element {
  return (
    <section className="settings-group" aria-labelledby="settings-lock">
      <h3 id="settings-lock">Locking</h3>
      <NumberSetting
        label="Lock after idle"
        unit="minutes"
        min={0}
        max={1440}
        value={settings.lockIdleMinutes}
        hint="0 never locks on idle."
        onSave={(lockIdleMinutes) => save({ lockIdleMinutes }, 'auto-lock')}
      />
      <SwitchSetting
        label="Lock when the computer sleeps"
        checked={settings.lockOnSleep}
        onChange={(lockOnSleep) => void save({ lockOnSleep }, 'lock on sleep')}
      />
      <SwitchSetting
        label="Lock when the screen locks"
        checked={settings.lockOnScreenLock}
        onChange={(lockOnScreenLock) => void save({ lockOnScreenLock }, 'lock on screen lock')}
      />
      <NumberSetting
        label="Clear the clipboard after"
        unit="seconds"
        min={5}
        max={600}
        value={settings.clipboardClearSeconds}
        hint="A copied token is wiped from the clipboard then, unless something else was copied since."
        onSave={(clipboardClearSeconds) => save({ clipboardClearSeconds }, 'clipboard')}
      />
    </section>
  );
}

export function ReminderSection({ settings, save }: SectionProps): React.JSX.Element {
  return (
    <section className="settings-group" aria-labelledby="settings-reminders">
      <h3 id="settings-reminders">Expiry reminders</h3>
      <p className="hint">How many days before a token expires it shows as expiring and you are reminded.</p>
      {REMINDER_KINDS.map((kind) => (
        <NumberSetting
          key={kind}
          label={REMINDER_NAMES[kind]}
          unit="days before"
          min={1}
          max={MAX_REMINDER_LEAD_DAYS}
          value={settings.reminderLeadDays[kind]}
          onSave={(days) => save({ reminderLeadDays: { [kind]: days } }, `reminders for ${REMINDER_NAMES[kind]}`)}
        />
      ))}
    </section>
  );
}

export function NotificationSection({ settings, save }: SectionProps): React.JSX.Element {
  return (
    <section className="settings-group" aria-labelledby="settings-notifications">
      <h3 id="settings-notifications">Notifications</h3>
      {NOTIFICATION_KINDS.map((kind) => (
        <SwitchSetting
          key={kind}
          label={NOTIFICATION_NAMES[kind]}
          checked={settings.notifications[kind]}
          onChange={(on) => void save({ notifications: { [kind]: on } }, 'notifications')}
        />
      ))}
    </section>
  );
}

export function AppearanceSection({ settings, save }: SectionProps): React.JSX.Element {
  return (
    <section className="settings-group" aria-labelledby="settings-appearance">
      <h3 id="settings-appearance">Appearance</h3>
      <div role="radiogroup" aria-labelledby="settings-appearance" className="radio-row setting-radios">
        {THEMES.map((theme) => (
          <label key={theme}>
            <input
              type="radio"
              name="theme"
              value={theme}
              checked={settings.theme === theme}
              onChange={() => void save({ theme }, 'theme')}
            />
            {THEME_NAMES[theme]}
          </label>
        ))}
      </div>
    </section>
  );
}
