import { useState } from 'react';
import { FormError } from '../../components/form-error';
import { RestoreDialog, SaveBackupDialog } from './backup-dialogs';
import { ExportSection, ImportSection } from './import-export-sections';

type BackupStep =
  { readonly kind: 'save' } | { readonly kind: 'restore'; readonly handle: string; readonly fileName: string };

function BackupSection(): React.JSX.Element {
  const [step, setStep] = useState<BackupStep | null>(null);
  const [error, setError] = useState<string | null>(null);
  const choose = async (): Promise<void> => {
    const result = await window.keyturn.chooseBackupFile({});
    setError(result.ok ? null : result.error.message);
    if (result.ok && result.value.chosen)
      setStep({ kind: 'restore', handle: result.value.handle, fileName: result.value.fileName });
  };
  const close = (): void => setStep(null);
  return (
    <section className="settings-group" aria-labelledby="transfer-backup">
      <h3 id="transfer-backup">Encrypted backups</h3>
      <p className="hint">
        A backup holds the whole vault sealed with a passphrase of its own. Restoring one replaces the vault you have
        open, after telling you what goes.
      </p>
      <FormError message={error} />
      <div className="actions start">
        <button type="button" className="primary" onClick={() => setStep({ kind: 'save' })}>
          Save a backup…
        </button>
        <button type="button" onClick={() => void choose()}>
          Restore from a backup…
        </button>
      </div>
      {step?.kind === 'save' && <SaveBackupDialog onClose={close} />}
      {step?.kind === 'restore' && <RestoreDialog handle={step.handle} fileName={step.fileName} onClose={close} />}
    </section>
  );
}

/** Import a .env file, export an environment, save or restore an encrypted backup. */
export function TransferScreen(): React.JSX.Element {
  return (
    <section className="main-pane settings" aria-labelledby="transfer-title">
      <div className="list-heading">
        <h2 id="transfer-title">Import and export</h2>
      </div>
      <div className="settings-body">
        <ImportSection />
        <ExportSection />
        <BackupSection />
      </div>
    </section>
  );
}
