import { useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../../shared/ipc';
import { Brand } from '../../components/brand';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { useKeyturnStore } from '../../store';
import { PasswordStrength } from './password-strength';
import { RecoveryKeyPanel } from './recovery-key-panel';
import { RestoreNewVault } from './restore-new-vault';

/**
 * First run: choose a master password, then see the recovery key once. The key lives only in
 * this component's state and is gone when the user confirms they saved it.
 */
export function CreateVaultScreen({ path }: { readonly path: string }): React.JSX.Element {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ recoveryKey: string; status: VaultStatus } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [isRestoring, setRestoring] = useState(false);
  const setStatus = useKeyturnStore((state) => state.setStatus);
  const setOnboarding = useKeyturnStore((state) => state.setOnboarding);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (password !== confirmation) {
      setError('The two passwords differ. Type the same password twice.');
      return;
    }
    setBusy(true);
    setOnboarding(true);
    const result = await window.keyturn.createVault({ password });
    setBusy(false);
    setPassword('');
    setConfirmation('');
    if (result.ok) setCreated(result.value);
    else {
      setOnboarding(false);
      setError(result.error.message);
    }
  };

  const done = (status: VaultStatus): void => {
    setOnboarding(false);
    setStatus(status);
  };

  if (isRestoring) return <RestoreNewVault onBack={() => setRestoring(false)} />;
  if (created !== null) {
    return <RecoveryKeyPanel recoveryKey={created.recoveryKey} onDone={() => done(created.status)} />;
  }

  return (
    <main className="screen center">
      <form className="card" onSubmit={(event) => void submit(event)} aria-label="Create a vault">
        <Brand subtitle="Create your vault" />
        <TextField
          label="Master password"
          type="password"
          autoFocus
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
        />
        <PasswordStrength password={password} />
        <TextField
          label="Repeat it"
          type="password"
          autoComplete="new-password"
          value={confirmation}
          onChange={setConfirmation}
        />
        <FormError message={error} />
        <button type="submit" className="primary" disabled={password === '' || isBusy}>
          {isBusy ? 'Creating…' : 'Create vault'}
        </button>
        <p className="hint">
          The master password seals every token on this computer; Keyturn never stores it. At least 8 characters; a few
          unrelated words are strong and easy to type. If you forget it, the recovery key shown next is the only way
          back in.
        </p>
        <p className="hint">
          Developers: to try Keyturn without real accounts, run the local demo providers in{' '}
          <span className="mono">test/emulators</span> and connect an environment to their 127.0.0.1 address.
        </p>
        <button type="button" className="link" onClick={() => setRestoring(true)}>
          Restore from an encrypted backup instead…
        </button>
        <p className="hint">
          The vault will be saved at <span className="mono">{path}</span>
        </p>
      </form>
    </main>
  );
}
