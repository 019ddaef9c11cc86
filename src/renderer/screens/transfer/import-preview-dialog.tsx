import { useState } from 'react';
import type { ImportOutcome, ImportPreview } from '../../../shared/ipc-window-transfer-channels';
import { DialogFrame } from '../../components/dialog-frame';
import { FormError } from '../../components/form-error';
import { UserText } from '../../components/user-text';
import { plural } from '../../lib/words';
import { useKeyturnStore } from '../../store';

const OUTCOME_WORDS: Readonly<Record<ImportOutcome, string>> = {
  new: 'New',
  same: 'Same value',
  changed: 'Changed',
  skipped: 'Skipped',
};

interface PreviewProps {
  readonly preview: ImportPreview;
  readonly onClose: () => void;
}

/**
 * What an import would do, line by line, before anything is written; Apply writes it in one
 * transaction, Cancel lets main forget the file.
 */
export function ImportPreviewDialog({ preview, onClose }: PreviewProps): React.JSX.Element {
  const [overwrite, setOverwrite] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const showNotice = useKeyturnStore((state) => state.showNotice);
  const { counts } = preview;
  const writes = counts.new + (overwrite ? counts.changed : 0);

  const cancel = (): void => {
    void window.keyturn.discardImport({ handle: preview.handle });
    onClose();
  };
  const apply = async (): Promise<void> => {
    setBusy(true);
    const result = await window.keyturn.applyImport({ handle: preview.handle, overwrite });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    const { added, updated } = result.value;
    showNotice(`Imported ${plural(added, 'new token')} and updated ${plural(updated, 'token')}.`, 'info');
    onClose();
  };

  return (
    <DialogFrame
      title={
        <>
          Import {preview.fileName} into <UserText text={`${preview.tenantName} › ${preview.environmentName}`} />
        </>
      }
      onClose={cancel}
      isBusy={isBusy}
      wide
    >
      <p className="lead">
        {plural(counts.new, 'new token')}, {counts.same} unchanged, {counts.changed} with another value,{' '}
        {counts.skipped} skipped
        {preview.unreadLines.length > 0 && `, ${plural(preview.unreadLines.length, 'line')} not read`}. Nothing is
        written until you apply.
      </p>
      <div className="import-preview">
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Variable</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {preview.variables.map((variable) => (
              <tr key={`${variable.name}-${variable.line ?? ''}`} className={`outcome-${variable.outcome}`}>
                <td>{variable.line ?? '—'}</td>
                <td className="mono">
                  <UserText text={variable.name} />
                </td>
                <td>
                  <span className={`outcome ${variable.outcome}`}>{OUTCOME_WORDS[variable.outcome]}</span>
                  {variable.reason !== null && <span className="hint"> — {variable.reason}</span>}
                </td>
              </tr>
            ))}
            {preview.unreadLines.map((line) => (
              <tr key={`line-${line.line}`} className="outcome-skipped">
                <td>{line.line}</td>
                <td className="hint">not a variable</td>
                <td>
                  <span className="outcome skipped">Skipped</span>
                  <span className="hint"> — {line.reason}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {counts.changed > 0 && (
        <label className="check-row">
          <input type="checkbox" checked={overwrite} onChange={(event) => setOverwrite(event.target.checked)} />
          Replace the {plural(counts.changed, 'token')} whose value differs in the file
        </label>
      )}
      <FormError message={error} />
      <div className="actions">
        <button type="button" onClick={cancel} disabled={isBusy}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => void apply()} disabled={isBusy || writes === 0}>
          {writes === 0 ? 'Nothing to import' : `Import ${plural(writes, 'token')}`}
        </button>
      </div>
    </DialogFrame>
  );
}
