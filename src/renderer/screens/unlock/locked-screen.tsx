import { useState, type FormEvent } from 'react';
import { Brand } from '../../components/brand';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { plural } from '../../lib/words';
import { useKeyturnStore } from '../../store';
import { RecoveryForm } from './recovery-form';

interface LockedScreenProps {
  readonly tokenCount: number;
  readonly expiringSoon: number;
}

/**
 * Master password in, vault unlocked; or "Forgot your password?" → the recovery key and a new
 * master password. Passwords live only in this screen's state.
 */
export function LockedScreen({ tokenCount, expiringSoon }: LockedScreenProps): React.JSX.Element {
  const [password, setPassword] = useState('');
  const [isRecovering, setRecovering] = useState(false);
  const unlock = useKeyturnStore((state) => state.unlock);
  const error = useKeyturnStore((state) => state.sessionError);
  const isBusy = useKeyturnStore((state) => state.isBusy);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (password === '' || isBusy) return;
    const unlocked = await unlock(password);
    setPassword('');
    if (!unlocked) document.getElementById('master-password')?.focus();
  };

  if (isRecovering) return <RecoveryForm onBack={() => setRecovering(false)} />;

  return (
    <main className="screen center">
      <form className="card" onSubmit={(event) => void submit(event)} aria-label="Unlock the vault">
        <Brand subtitle={`${plural(tokenCount, 'token')} · locked`} />
        {expiringSoon > 0 && (
          <p className="warning" role="status">
            {expiringSoon} {expiringSoon === 1 ? 'token expires' : 'tokens expire'} soon
          </p>
        )}
        <TextField
          id="master-password"
          label="Master password"
          type="password"
          autoFocus
          autoComplete="current-password"
          value={password}
          invalid={error !== null}
          onChange={setPassword}
        />
        <FormError message={error} />
        <button type="submit" className="primary" disabled={password === '' || isBusy}>
          {isBusy ? 'Unlocking…' : 'Unlock'}
        </button>
        <p className="hint">
          <button type="button" className="link" onClick={() => setRecovering(true)}>
            Forgot your password?
          </button>
        </p>
      </form>
    </main>
  );
}
