import { useState, type FormEvent } from 'react';
import { useKeyturnStore } from '../store';
import { Brand } from './brand';

interface LockedScreenProps {
  readonly tokenCount: number;
  readonly expiringSoon: number;
}

/** Master password in, vault unlocked. The password lives only in this component's state. */
export function LockedScreen({ tokenCount, expiringSoon }: LockedScreenProps): React.JSX.Element {
  const [password, setPassword] = useState('');
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

  return (
    <main className="screen center">
      <form className="card" onSubmit={(event) => void submit(event)} aria-label="Unlock the vault">
        <Brand subtitle={`${tokenCount} ${tokenCount === 1 ? 'token' : 'tokens'} · locked`} />
        {expiringSoon > 0 && (
          <p className="warning" role="status">
            {expiringSoon} {expiringSoon === 1 ? 'token expires' : 'tokens expire'} within a day
          </p>
        )}
        <label htmlFor="master-password">Master password</label>
        <input
          id="master-password"
          type="password"
          autoFocus
          autoComplete="current-password"
          spellCheck={false}
          value={password}
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : 'unlock-error'}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error !== null && (
          <p id="unlock-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={password === '' || isBusy}>
          {isBusy ? 'Unlocking…' : 'Unlock'}
        </button>
        <p className="hint">
          Press <kbd>Enter</kbd> to unlock
        </p>
      </form>
    </main>
  );
}
