import { useState, type FormEvent } from 'react';
import { Brand } from '../../components/brand';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { useKeyturnStore } from '../../store';

/**
 * Unlock with the recovery key and choose a new master password (the old one stops working).
 * The key and the passwords live only in this form's state.
 */
export function RecoveryForm({ onBack }: { readonly onBack: () => void }): React.JSX.Element {
  const [recoveryKey, setRecoveryKey] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const recover = useKeyturnStore((state) => state.recover);
  const error = useKeyturnStore((state) => state.sessionError);
  const isBusy = useKeyturnStore((state) => state.isBusy);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setMismatch(password !== confirmation);
    if (password !== confirmation || isBusy) return;
    if (!(await recover(recoveryKey.trim(), password))) setConfirmation('');
  };

  return (
    <main className="screen center">
      <form className="card" onSubmit={(event) => void submit(event)} aria-label="Unlock with the recovery key">
        <Brand subtitle="Unlock with your recovery key" />
        <p className="hint">
          The recovery key was shown once when the vault was created. It opens the vault and lets you choose a new
          master password; the old password stops working.
        </p>
        <TextField label="Recovery key" autoFocus className="mono" value={recoveryKey} onChange={setRecoveryKey} />
        <TextField
          label="New master password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          hint="At least 8 characters."
        />
        <TextField
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          value={confirmation}
          onChange={setConfirmation}
        />
        <FormError message={mismatch ? 'The two passwords differ. Type the same password twice.' : error} />
        <button type="submit" className="primary" disabled={recoveryKey === '' || password === '' || isBusy}>
          {isBusy ? 'Unlocking…' : 'Unlock and set the new password'}
        </button>
        <p className="hint">
          <button type="button" className="link" onClick={onBack}>
            Back to the master password
          </button>
        </p>
      </form>
    </main>
  );
}
