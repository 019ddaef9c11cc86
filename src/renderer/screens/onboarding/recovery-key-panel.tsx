import { Brand } from '../../components/brand';

interface RecoveryKeyPanelProps {
  readonly recoveryKey: string;
  readonly onDone: () => void;
}

/** Shows the recovery key exactly once, with one clear instruction and one way forward. */
export function RecoveryKeyPanel({ recoveryKey, onDone }: RecoveryKeyPanelProps): React.JSX.Element {
  return (
    <main className="screen center">
      <section className="card wide" aria-labelledby="recovery-title">
        <Brand subtitle="Vault created" />
        <h2 id="recovery-title">Your recovery key</h2>
        <p>
          Write it down and keep it somewhere safe. It opens the vault if you forget the master password.
          <strong> Keyturn will not show it again.</strong>
        </p>
        <output className="recovery-key" aria-label="Recovery key">
          {recoveryKey}
        </output>
        <button type="button" className="primary" autoFocus onClick={onDone}>
          I have saved it
        </button>
      </section>
    </main>
  );
}
