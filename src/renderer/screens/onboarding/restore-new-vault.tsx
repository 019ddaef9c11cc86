import { useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../../shared/ipc';
import type { BackupContents } from '../../../shared/ipc-window-transfer-channels';
import { Brand } from '../../components/brand';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { useKeyturnStore } from '../../store';
import { countsWords } from '../transfer/backup-dialogs';
import { RecoveryKeyPanel } from './recovery-key-panel';

interface Chosen {
  readonly handle: string;
  readonly fileName: string;
}

/**
 * No vault yet: make one from an encrypted backup. Choose the file (main's dialog), open it with its
 * passphrase to see what it holds, choose a master password; the new vault's recovery key is then
 * shown once, as after creating a vault.
 */
export function RestoreNewVault({ onBack }: { readonly onBack: () => void }): React.JSX.Element {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [contents, setContents] = useState<BackupContents | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [restored, setRestored] = useState<{ recoveryKey: string; status: VaultStatus } | null>(null);
  const setOnboarding = useKeyturnStore((state) => state.setOnboarding);
  const setStatus = useKeyturnStore((state) => state.setStatus);

  const choose = async (): Promise<void> => {
    const result = await window.keyturn.chooseBackupFile({});
    setError(result.ok ? null : result.error.message);
    if (result.ok && result.value.chosen) setChosen(result.value);
  };
  const inspect = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (chosen === null) return;
    const result = await window.keyturn.inspectBackup({ handle: chosen.handle, passphrase });
    setError(result.ok ? null : result.error.message);
    if (result.ok) setContents(result.value);
  };
  const restore = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (chosen === null) return;
    if (password !== repeat) {
      setError('The two passwords differ. Type the same password twice.');
      return;
    }
    // The new vault unlocks in main: stay on this screen until its key was shown.
    setOnboarding(true);
    const result = await window.keyturn.restoreBackupAsNewVault({
      handle: chosen.handle,
      passphrase,
      newPassword: password,
    });
    setPassword('');
    setRepeat('');
    if (result.ok) setRestored(result.value);
    else {
      setOnboarding(false);
      setError(result.error.message);
    }
  };

  if (restored !== null) {
    return (
      <RecoveryKeyPanel
        recoveryKey={restored.recoveryKey}
        onDone={() => {
          setOnboarding(false);
          setStatus(restored.status);
        }}
      />
    );
  }
  return (
    <main className="screen center">
      <section className="card" aria-labelledby="restore-new-title">
        <Brand subtitle="Restore a vault" />
        <h2 id="restore-new-title">From an encrypted backup</h2>
        {chosen === null ? (
          <button type="button" className="primary" onClick={() => void choose()}>
            Choose a backup file…
          </button>
        ) : contents === null ? (
          <form className="dialog-form" onSubmit={(event) => void inspect(event)}>
            <p>{chosen.fileName}</p>
            <TextField
              label="Backup passphrase"
              type="password"
              autoFocus
              value={passphrase}
              onChange={setPassphrase}
            />
            <button type="submit" className="primary" disabled={passphrase === ''}>
              Open backup
            </button>
          </form>
        ) : (
          <form className="dialog-form" onSubmit={(event) => void restore(event)}>
            <p>
              The backup from {new Date(contents.createdAt).toLocaleString()} holds {countsWords(contents.backup)}.
            </p>
            <TextField
              label="New master password"
              type="password"
              autoFocus
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
            />
            <TextField
              label="Repeat it"
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={setRepeat}
            />
            <button type="submit" className="primary" disabled={password.length < 8 || repeat === ''}>
              Restore the vault
            </button>
          </form>
        )}
        <FormError message={error} />
        <button type="button" className="link" onClick={onBack}>
          Create a new vault instead
        </button>
      </section>
    </main>
  );
}
