import { useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../shared/ipc';
import { useKeyturnStore } from '../store';
import { Brand } from './brand';
import { RecoveryKeyPanel } from './recovery-key-panel';

/**
 * First run: choose a master password, then see the recovery key once. The key lives only in
 * this component's state and is gone when the user confirms they saved it.
 */
export function CreateVaultScreen(): React.JSX.Element {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ recoveryKey: string; status: VaultStatus } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const setStatus = useKeyturnStore((state) => state.setStatus);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (password !== confirmation) {
      setError('The two passwords differ');
      return;
    }
    setBusy(true);
    const result = await window.keyturn.createVault({ password });
    setBusy(false);
    setPassword('');
    setConfirmation('');
    if (result.ok) setCreated(result.value);
    else setError(result.error.message);
  };

  if (created !== null) {
    return <RecoveryKeyPanel recoveryKey={created.recoveryKey} onDone={() => setStatus(created.status)} />;
  }

  return (
    <main className="screen center">
      <form className="card" onSubmit={(event) => void submit(event)} aria-label="Create a vault">
        <Brand subtitle="Create your vault" />
        <label htmlFor="new-password">Master password</label>
        <input
          id="new-password"
          type="password"
          autoFocus
          autoComplete="new-password"
          spellCheck={false}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <label htmlFor="confirm-password">Repeat it</label>
        <input
          id="confirm-password"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
        />
        {error !== null && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={password === '' || isBusy}>
          {isBusy ? 'Creating…' : 'Create vault'}
        </button>
        <p className="hint">At least 8 characters. It cannot be recovered — only replaced with the recovery key.</p>
      </form>
    </main>
  );
}
