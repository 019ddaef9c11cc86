import { DialogFrame } from '../../components/dialog-frame';
import { RecoveryKeyActions, RecoveryKeyShown } from '../../components/recovery-key-actions';
import { plural } from '../../lib/words';
import { useKeyturnStore } from '../../store';

/** After a restore: the restored vault's new recovery key, once, with where the old file went. */
export function RestoredKeyDialog(): React.JSX.Element | null {
  const restored = useKeyturnStore((state) => state.restoredKey);
  const setRestoredKey = useKeyturnStore((state) => state.setRestoredKey);
  if (restored === null) return null;
  const close = (): void => setRestoredKey(null);
  return (
    <DialogFrame title="Vault restored" onClose={close} role="alertdialog">
      <p className="lead">
        {plural(restored.tokens, 'token')} restored; the vault opens with your master password as before. Its{' '}
        <strong>new recovery key</strong> is below: the old key does not open this vault. Keyturn will not show it
        again.
      </p>
      <RecoveryKeyShown recoveryKey={restored.recoveryKey} />
      {restored.previousFile !== null && (
        <p className="hint">
          The replaced vault is kept, encrypted as it was, at <span className="mono">{restored.previousFile}</span>.
        </p>
      )}
      <RecoveryKeyActions />
      <div className="actions">
        <button type="button" className="primary" autoFocus onClick={close}>
          I have saved it
        </button>
      </div>
    </DialogFrame>
  );
}
