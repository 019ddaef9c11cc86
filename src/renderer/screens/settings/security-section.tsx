import { useState } from 'react';
import { FormError } from '../../components/form-error';
import { useKeyturnStore } from '../../store';
import type { SectionProps } from './settings-sections';

const DEVICE_WORDS = {
  on: 'On: this computer’s keychain can open the vault.',
  off: 'Off: the vault opens with the master password or the recovery key.',
  unavailable: 'Not available here: this computer has no secure keychain Keyturn can use.',
} as const;

/** Device unlock, the master password and the recovery key: each change re-asks the password. */
export function SecuritySection({ settings }: Pick<SectionProps, 'settings'>): React.JSX.Element {
  const openDialog = useKeyturnStore((state) => state.openDialog);
  const [error, setError] = useState<string | null>(null);
  const device = settings.deviceUnlock;

  const turnOff = async (): Promise<void> => {
    const result = await window.keyturn.setDeviceUnlock({ enabled: false });
    setError(result.ok ? null : result.error.message);
  };

  return (
    <section className="settings-group" aria-labelledby="settings-security">
      <h3 id="settings-security">Security</h3>
      <div className="setting-row">
        <span className="setting-name">Device unlock</span>
        <span className="setting-control">
          {device === 'on' ? (
            <button type="button" onClick={() => void turnOff()}>
              Turn off device unlock
            </button>
          ) : (
            <button
              type="button"
              disabled={device === 'unavailable'}
              onClick={() => openDialog({ kind: 'device-unlock' })}
            >
              Turn on device unlock…
            </button>
          )}
        </span>
        <span className="hint setting-hint">{DEVICE_WORDS[device]}</span>
      </div>
      <FormError message={error} />
      <div className="setting-row">
        <span className="setting-name">Master password</span>
        <span className="setting-control">
          <button type="button" onClick={() => openDialog({ kind: 'change-password' })}>
            Change master password…
          </button>
        </span>
      </div>
      <div className="setting-row">
        <span className="setting-name">Recovery key</span>
        <span className="setting-control">
          <button type="button" onClick={() => openDialog({ kind: 'new-recovery-key' })}>
            Create a new recovery key…
          </button>
        </span>
        <span className="hint setting-hint">
          The current key cannot be shown again, by design. A new one replaces it; the old one stops working.
        </span>
      </div>
    </section>
  );
}
