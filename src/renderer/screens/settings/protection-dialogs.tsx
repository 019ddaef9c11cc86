import { useState } from 'react';
import { DialogFrame } from '../../components/dialog-frame';
import { RecoveryKeyActions, RecoveryKeyShown } from '../../components/recovery-key-actions';
import { useKeyturnStore } from '../../store';
import { PasswordDialog } from './password-dialog';

type Close = { readonly onClose: () => void };

export function ChangePasswordDialog({ onClose }: Close): React.JSX.Element {
  const showNotice = useKeyturnStore((state) => state.showNotice);
  return (
    <PasswordDialog
      title="Change the master password"
      lead="The vault is sealed again under the new password. The recovery key keeps working."
      submitLabel="Change password"
      asksNewPassword
      onClose={onClose}
      onSubmit={async (currentPassword, newPassword) => {
        const result = await window.keyturn.changePassword({ currentPassword, newPassword });
        if (result.ok) showNotice('The master password was changed.', 'info');
        return result;
      }}
    />
  );
}

export function DeviceUnlockDialog({ onClose }: Close): React.JSX.Element {
  const showNotice = useKeyturnStore((state) => state.showNotice);
  return (
    <PasswordDialog
      title="Turn on device unlock"
      lead="This computer's keychain will open the vault without the master password. Anyone signed in as you here could then open it."
      submitLabel="Turn on"
      onClose={onClose}
      onSubmit={async (currentPassword) => {
        const result = await window.keyturn.setDeviceUnlock({ enabled: true, currentPassword });
        if (result.ok) showNotice('Device unlock is on.', 'info');
        return result;
      }}
    />
  );
}

/**
 * A new recovery key: the password is re-asked, the new key is shown once (and can be saved to a
 * file through main's save dialog); the old key stops working at once.
 */
export function NewRecoveryKeyDialog({ onClose }: Close): React.JSX.Element {
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  if (recoveryKey === null) {
    return (
      <PasswordDialog
        title="Create a new recovery key"
        lead="The current recovery key stops working as soon as the new one is made. Keyturn shows the new one once."
        submitLabel="Create new key"
        onClose={onClose}
        closesOnSuccess={false}
        onSubmit={async (currentPassword) => {
          const result = await window.keyturn.replaceRecoveryKey({ currentPassword });
          if (result.ok) setRecoveryKey(result.value.recoveryKey);
          return result;
        }}
      />
    );
  }
  return <NewKeyShown recoveryKey={recoveryKey} onClose={onClose} />;
}

function NewKeyShown({ recoveryKey, onClose }: { readonly recoveryKey: string } & Close): React.JSX.Element {
  return (
    <DialogFrame title="Your new recovery key" onClose={onClose} role="alertdialog">
      <p className="lead">
        Write it down or save it, and keep it somewhere safe. <strong>Keyturn will not show it again</strong>; the old
        key no longer works.
      </p>
      <RecoveryKeyShown recoveryKey={recoveryKey} />
      <RecoveryKeyActions />
      <div className="actions">
        <button type="button" className="primary" autoFocus onClick={onClose}>
          I have saved it
        </button>
      </div>
    </DialogFrame>
  );
}
