import { useState } from 'react';
import { ENV_FORMATS, type EnvFormat } from '../../../shared/env-format';
import type { ImportPreview } from '../../../shared/ipc-window-transfer-channels';
import { FormError } from '../../components/form-error';
import { plural } from '../../lib/words';
import { EnvironmentSelect } from './environment-select';
import { ImportPreviewDialog } from './import-preview-dialog';

const FORMAT_WORDS: Readonly<Record<EnvFormat, string>> = {
  dotenv: '.env file',
  shell: 'Shell script (export lines)',
  json: 'JSON',
};

/** Import a .env file into an environment: main's open dialog, then the preview. */
export function ImportSection(): React.JSX.Element {
  const [environmentId, setEnvironmentId] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const choose = async (): Promise<void> => {
    const result = await window.keyturn.chooseImportFile({ environmentId });
    setError(result.ok ? null : result.error.message);
    if (result.ok && result.value.chosen) setPreview(result.value);
  };
  return (
    <section className="settings-group" aria-labelledby="transfer-import">
      <h3 id="transfer-import">Import a .env file</h3>
      <p className="hint">
        Each variable becomes a token of the environment. You see what would be added, kept or replaced before anything
        is written.
      </p>
      <EnvironmentSelect label="Import into" value={environmentId} onChange={setEnvironmentId} />
      <FormError message={error} />
      <div className="actions start">
        <button type="button" className="primary" disabled={environmentId === ''} onClick={() => void choose()}>
          Choose a .env file…
        </button>
      </div>
      {preview !== null && <ImportPreviewDialog preview={preview} onClose={() => setPreview(null)} />}
    </section>
  );
}

/** Export an environment's live tokens in clear, after the user says they know it is plaintext. */
export function ExportSection(): React.JSX.Element {
  const [environmentId, setEnvironmentId] = useState('');
  const [format, setFormat] = useState<EnvFormat>('dotenv');
  const [acknowledged, setAcknowledged] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const exportNow = async (): Promise<void> => {
    const result = await window.keyturn.exportEnvironment({ environmentId, format, plaintextAcknowledged: true });
    setError(result.ok ? null : result.error.message);
    if (result.ok && result.value.saved) {
      const { tokens, skipped, path } = result.value;
      setDone(`Exported ${plural(tokens, 'token')} to ${path}${skipped > 0 ? ` (${skipped} skipped)` : ''}.`);
      setAcknowledged(false);
    }
  };
  return (
    <section className="settings-group" aria-labelledby="transfer-export">
      <h3 id="transfer-export">Export an environment</h3>
      <EnvironmentSelect label="Export from" value={environmentId} onChange={setEnvironmentId} />
      <div role="radiogroup" aria-label="Format" className="radio-row">
        {ENV_FORMATS.map((value) => (
          <label key={value}>
            <input type="radio" name="format" checked={format === value} onChange={() => setFormat(value)} />
            {FORMAT_WORDS[value]}
          </label>
        ))}
      </div>
      <p className="warning plaintext-warning">
        The file holds every token of the environment <strong>in plain text</strong>. Anyone who can read it can use
        them. Keep it out of repositories and delete it when done.
      </p>
      <label className="check-row">
        <input type="checkbox" checked={acknowledged} onChange={(event) => setAcknowledged(event.target.checked)} />I
        understand the file is not encrypted
      </label>
      <FormError message={error} />
      {done !== null && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      <div className="actions start">
        <button
          type="button"
          className="primary"
          disabled={environmentId === '' || !acknowledged}
          onClick={() => void exportNow()}
        >
          Export…
        </button>
      </div>
    </section>
  );
}
