import { FavouritesSection } from './favourites-section';
import { SecuritySection } from './security-section';
import { AppearanceSection, LockSection, NotificationSection, ReminderSection } from './settings-sections';
import { ShortcutSection } from './shortcut-section';
import { useSettings } from './use-settings';

/** Every setting on one screen; each change is saved in the vault and applied by main at once. */
export function SettingsScreen(): React.JSX.Element {
  const { settings, error, saved, save } = useSettings();
  return (
    <section className="main-pane settings" aria-labelledby="settings-title">
      <div className="list-heading">
        <h2 id="settings-title">Settings</h2>
        <span className="count" role="status">
          {saved ?? 'Changes are saved at once'}
        </span>
      </div>
      {error !== null && (
        <p className="error settings-error" role="alert">
          {error}
        </p>
      )}
      {settings === null ? (
        <p className="empty" aria-busy="true">
          Loading settings…
        </p>
      ) : (
        <div className="settings-body">
          <LockSection settings={settings} save={save} />
          <SecuritySection settings={settings} />
          <AppearanceSection settings={settings} save={save} />
          <NotificationSection settings={settings} save={save} />
          <ReminderSection settings={settings} save={save} />
          <FavouritesSection settings={settings} />
          <ShortcutSection settings={settings} save={save} />
        </div>
      )}
    </section>
  );
}
