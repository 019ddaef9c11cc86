import { useState, type FormEvent } from 'react';
import type { BackupContents, VaultCounts } from '../../../shared/ipc-window-transfer-channels';
import { DialogFrame } from '../../components/dialog-frame';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { plural } from '../../lib/words';
import { keyturnStore, useKeyturnStore } from '../../store';

type Close = { readonly onClose: () => void };

export function countsWords(counts: VaultCounts): string {
  return `${plural(counts.tenants, 'tenant')}, ${plural(counts.environments, 'environment')} and ${plural(counts.tokens, 'token')}`;
}

/** An encrypted backup: the master password re-checked in main, a separate passphrase typed twice. */
export function SaveBackupDialog({ onClose }: Close): React.JSX.Element {
  const showNotice = useKeyturnStore((state) => state.showNotice);
  const [current, setCurrent] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (passphrase !== repeat) {
      setError('The two passphrases differ. Type the same passphrase twice.');
      return;
    }
    setBusy(true);
    const result = await window.keyturn.saveBackup({ currentPassword: current, passphrase });
    setBusy(false);
    setCurrent('');
    if (!result.ok) setError(result.error.message);
    else {
      if (result.value.saved)
        showNotice(`Backup of ${plural(result.value.tokens, 'token')} saved to ${result.value.path}`, 'info');
      onClose();
    }
  };
  return (
    <DialogFrame title="Save an encrypted backup" onClose={onClose} isBusy={isBusy}>
      <form className="dialog-form" onSubmit={(event) => void submit(event)}>
        <p className="lead">
          The whole vault, sealed with a passphrase of its own. You will need that passphrase to restore it; Keyturn
          cannot recover it.
        </p>
        <TextField label="Current master password" type="password" autoFocus value={current} onChange={setCurrent} />
        <TextField
          label="Backup passphrase"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters, different from the master password."
          value={passphrase}
          onChange={setPassphrase}
        />
        <TextField
          label="Repeat the passphrase"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
        />
        <FormError message={error} />
        <div className="actions">
          <button type="button" onClick={onClose} disabled={isBusy}>
            Cancel
          </button>
          <button
            type="submit"
            className="primary"
            disabled={isBusy || current === '' || passphrase.length < 8 || repeat === ''}
          >
            {isBusy ? 'Saving…' : 'Choose where to save…'}
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}

interface RestoreProps extends Close {
  readonly handle: string;
  readonly fileName: string;
}

/**
 * Restore over the current vault: the passphrase opens the backup and main says what it holds and
 * what goes; only then the master password and an explicit "Replace". A wrong passphrase or a
 * damaged file is main's sentence and changes nothing.
 */
export function RestoreDialog({ handle, fileName, onClose }: RestoreProps): React.JSX.Element {
  const [passphrase, setPassphrase] = useState('');
  const [contents, setContents] = useState<BackupContents | null>(null);
  const [current, setCurrent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const inspect = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const result = await window.keyturn.inspectBackup({ handle, passphrase });
    setBusy(false);
    setError(result.ok ? null : result.error.message);
    if (result.ok) setContents(result.value);
  };
  const replace = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (contents?.current == null) return;
    setBusy(true);
    const result = await window.keyturn.replaceVaultWithBackup({
      handle,
      passphrase,
      currentPassword: current,
      replacing: contents.current,
    });
    setBusy(false);
    setCurrent('');
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    const { recoveryKey, previousFile, restored } = result.value;
    keyturnStore.getState().setRestoredKey({ recoveryKey, previousFile, tokens: restored.tokens });
    onClose();
  };

  return (
    <DialogFrame
      title={`Restore ${fileName}`}
      onClose={onClose}
      isBusy={isBusy}
      role={contents === null ? undefined : 'alertdialog'}
    >
      {contents === null ? (
        <form className="dialog-form" onSubmit={(event) => void inspect(event)}>
          <p className="lead">Type the backup’s passphrase to see what it holds. Nothing changes yet.</p>
          <TextField
            label="Backup passphrase"
            type="password"
            autoFocus
            value={passphrase}
            onChange={setPassphrase}
            invalid={error !== null}
          />
          <FormError message={error} />
          <div className="actions">
            <button type="button" onClick={onClose} disabled={isBusy}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={isBusy || passphrase === ''}>
              {isBusy ? 'Opening…' : 'Open backup'}
            </button>
          </div>
        </form>
      ) : (
        <form className="dialog-form" onSubmit={(event) => void replace(event)}>
          <p>
            The backup from <strong>{new Date(contents.createdAt).toLocaleString()}</strong> holds{' '}
            {countsWords(contents.backup)}.
          </p>
          {contents.current !== null && (
            <p className="warning replace-warning">
              Restoring replaces the vault you have open: <strong>{countsWords(contents.current)}</strong> go. The
              current file is kept beside it, encrypted as it is.
            </p>
          )}
          <TextField label="Current master password" type="password" autoFocus value={current} onChange={setCurrent} />
          <FormError message={error} />
          <div className="actions">
            <button type="button" onClick={onClose} disabled={isBusy}>
              Cancel
            </button>
            <button type="submit" className="danger" disabled={isBusy || current === ''}>
              {isBusy ? 'Replacing…' : 'Replace the vault'}
            </button>
          </div>
        </form>
      )}
    </DialogFrame>
  );
}
