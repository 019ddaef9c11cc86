import { useEffect, useState, type FormEvent } from 'react';
import type { ProviderId, TokenKind } from '../../../shared/model';
import { DialogFrame } from '../../components/dialog-frame';
import { EnvironmentPicker } from '../../components/environment-picker';
import { FormError } from '../../components/form-error';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { fromDateInput, toDateInput } from '../../lib/time-words';
import { useKeyturnStore } from '../../store';
import { findEnvironment } from '../../store/outline-slice';
import { RecognisedNote } from './recognised-note';
import { KIND_OPTIONS, PROVIDER_OPTIONS, parseTags } from './token-fields';
import { TokenNotesField } from './token-notes-field';
import { useRecognition } from './use-recognition';

/**
 * Add a token by pasting it: main recognises the paste (provider, kind, environment hint, a JWT's
 * expiry) and the form fills in; everything stays editable. The pasted value lives only in this
 * dialog's state until it goes to main.
 */
export function AddTokenDialog({
  environmentId: initialEnvironment,
  onClose,
}: {
  readonly environmentId: string | null;
  readonly onClose: () => void;
}): React.JSX.Element {
  const outline = useKeyturnStore((state) => state.outline);
  const [secret, setSecret] = useState('');
  const [environmentId, setEnvironmentId] = useState<string | null>(initialEnvironment);
  const [label, setLabel] = useState('');
  const [provider, setProvider] = useState<ProviderId>('manual');
  const [kind, setKind] = useState<TokenKind>('manual');
  const [expiry, setExpiry] = useState('');
  const [tags, setTags] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const recognition = useRecognition(secret);

  useEffect(() => {
    if (recognition === null) return;
    if (recognition.provider !== null) setProvider(recognition.provider);
    if (recognition.kind !== null) setKind(recognition.kind);
    if (recognition.expiresAt !== null) setExpiry(toDateInput(recognition.expiresAt));
    const hint = recognition.environmentKind;
    if (hint !== null) {
      const all = (outline?.tenants ?? []).flatMap((tenant) => tenant.environments);
      const matching = all.filter((environment) => environment.kind === hint);
      setEnvironmentId((current) => current ?? (matching.length === 1 ? (matching[0]?.id ?? null) : null));
    }
  }, [recognition, outline]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const place = environmentId === null ? null : findEnvironment(outline, environmentId);
    if (place === null) {
      setError('Choose the environment the token belongs to.');
      return;
    }
    // An expiry left as recognised is main's to read again (its source stays the token's own).
    const recognised = recognition?.expiresAt ?? null;
    const expiresAt = recognised !== null && toDateInput(recognised) === expiry ? null : fromDateInput(expiry);
    setBusy(true);
    const result = await window.keyturn.addToken({
      tenant: place.tenant.name,
      environment: place.environment.name,
      label: label.trim(),
      secret: secret.trim(),
      provider,
      kind,
      ...(expiresAt === null ? {} : { expiresAt }),
      tags: parseTags(tags),
      notes,
    });
    setBusy(false);
    if (result.ok) {
      setSecret('');
      onClose();
    } else setError(result.error.message);
  };

  return (
    <DialogFrame title="Add a token" onClose={onClose} isBusy={isBusy} wide>
      <form className="dialog-form" onSubmit={(event) => void submit(event)}>
        <TextField
          label="Token"
          type="password"
          autoFocus
          value={secret}
          onChange={setSecret}
          hint="Paste it here. Keyturn recognises it on this computer; nothing is sent anywhere."
        />
        <RecognisedNote recognition={recognition} />
        <EnvironmentPicker outline={outline} value={environmentId} onChange={setEnvironmentId} />
        <TextField label="Label" value={label} onChange={setLabel} hint="What it is for, e.g. “CI deploy key”." />
        <div className="field-row">
          <SelectField label="Provider" value={provider} options={PROVIDER_OPTIONS} onChange={setProvider} />
          <SelectField label="Kind" value={kind} options={KIND_OPTIONS} onChange={setKind} />
        </div>
        <div className="field-row">
          <TextField label="Expires on" type="date" value={expiry} onChange={setExpiry} />
          <TextField label="Tags" value={tags} onChange={setTags} hint="Separated by commas." />
        </div>
        <TokenNotesField value={notes} onChange={setNotes} />
        <FormError message={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={secret.trim() === '' || label.trim() === '' || isBusy}>
            {isBusy ? 'Adding…' : 'Add token'}
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}
