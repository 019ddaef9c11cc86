import { useId, useState } from 'react';
import { Brand } from '../../components/brand';
import { RecoveryKeyActions, RecoveryKeyShown } from '../../components/recovery-key-actions';

interface RecoveryKeyPanelProps {
  readonly recoveryKey: string;
  readonly onDone: () => void;
}

/** The key's last group ("…-Q27Q" → "Q27Q"), which the user types back to show they kept it. */
export function lastGroup(recoveryKey: string): string {
  return recoveryKey.split('-').at(-1) ?? recoveryKey;
}

/**
 * Shows the recovery key exactly once: copy it (through main, which clears the clipboard), save it
 * to a file through main's save dialog or print it, then type its last group to continue.
 */
export function RecoveryKeyPanel({ recoveryKey, onDone }: RecoveryKeyPanelProps): React.JSX.Element {
  const confirmId = useId();
  const [typed, setTyped] = useState('');
  const isConfirmed = typed.trim().toUpperCase() === lastGroup(recoveryKey);

  return (
    <main className="screen center">
      <section className="card wide recovery-print" aria-labelledby="recovery-title">
        <Brand subtitle="Vault created" />
        <h2 id="recovery-title">Your recovery key</h2>
        <p>
          It opens the vault if you forget the master password. Keep it apart from this computer: on paper, or in
          another password manager. <strong>Keyturn will not show it again.</strong>
        </p>
        <RecoveryKeyShown recoveryKey={recoveryKey} />
        <RecoveryKeyActions onPrint={() => window.print()} />
        <form
          className="confirm-key no-print"
          onSubmit={(event) => {
            event.preventDefault();
            if (isConfirmed) onDone();
          }}
        >
          <label htmlFor={confirmId}>To continue, type the last group of the key</label>
          <input
            id={confirmId}
            className="mono"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            maxLength={16}
            value={typed}
            aria-invalid={typed.length >= 4 && !isConfirmed ? true : undefined}
            onChange={(event) => setTyped(event.target.value)}
          />
          <button type="submit" className="primary" disabled={!isConfirmed}>
            I have saved it
          </button>
        </form>
      </section>
    </main>
  );
}
