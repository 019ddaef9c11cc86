import { useState, type FormEvent } from 'react';
import type { TokenKind } from '../../../shared/model';
import type { TokenDetail } from '../../../shared/window-views';
import { DialogFrame } from '../../components/dialog-frame';
import { FormError } from '../../components/form-error';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { UserText } from '../../components/user-text';
import { fromDateInput, toDateInput } from '../../lib/time-words';
import { useTokenDetail } from '../../lib/use-token-detail';
import { KIND_OPTIONS, parseTags } from './token-fields';
import { TokenNotesField } from './token-notes-field';

/** Edit a token's label, kind, expiry, tags and notes (its value changes only by rotation). */
export function EditTokenDialog({
  tokenId,
  onClose,
}: {
  readonly tokenId: string;
  readonly onClose: () => void;
}): React.JSX.Element {
  const detail = useTokenDetail(tokenId);
  if (detail.state !== 'ready') {
    return (
      <DialogFrame title="Edit token" onClose={onClose}>
        {detail.state === 'error' ? <FormError message={detail.message} /> : <p aria-busy="true">Loading…</p>}
      </DialogFrame>
    );
  }
  return <EditForm detail={detail.detail} onClose={onClose} />;
}

function EditForm({
  detail,
  onClose,
}: {
  readonly detail: TokenDetail;
  readonly onClose: () => void;
}): React.JSX.Element {
  const token = detail.token;
  const [label, setLabel] = useState(token.label);
  const [kind, setKind] = useState<TokenKind>(token.kind);
  const [expiry, setExpiry] = useState(toDateInput(token.expiresAt));
  const [tags, setTags] = useState(token.tags.join(', '));
  const [notes, setNotes] = useState(token.notes);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const expiryChanged = expiry !== toDateInput(token.expiresAt);
    setBusy(true);
    const result = await window.keyturn.updateToken({
      tokenId: token.id,
      ...(label.trim() === token.label ? {} : { label: label.trim() }),
      ...(kind === token.kind ? {} : { kind }),
      ...(expiryChanged ? { expiresAt: fromDateInput(expiry) } : {}),
      tags: parseTags(tags),
      notes,
    });
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error.message);
  };

  return (
    <DialogFrame
      title={
        <>
          Edit <UserText text={token.label} />
        </>
      }
      onClose={onClose}
      isBusy={isBusy}
      wide
    >
      <form className="dialog-form" onSubmit={(event) => void submit(event)}>
        <TextField label="Label" autoFocus value={label} onChange={setLabel} />
        <div className="field-row">
          <SelectField label="Kind" value={kind} options={KIND_OPTIONS} onChange={setKind} />
          <TextField
            label="Expires on"
            type="date"
            value={expiry}
            onChange={setExpiry}
            hint={
              detail.expirySource === 'user' || detail.expirySource === null
                ? 'Empty: no expiry known.'
                : 'Set by the provider or the token; a date here overrides it.'
            }
          />
        </div>
        <TextField label="Tags" value={tags} onChange={setTags} hint="Separated by commas." />
        <TokenNotesField value={notes} onChange={setNotes} />
        <FormError message={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={label.trim() === '' || isBusy}>
            {isBusy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}
