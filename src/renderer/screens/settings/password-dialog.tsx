import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Result } from '../../../shared/errors';
import { DialogFrame } from '../../components/dialog-frame';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';

interface PasswordDialogProps {
  readonly title: string;
  readonly lead: ReactNode;
  readonly submitLabel: string;
  /** Also asks for a new password, twice. */
  readonly asksNewPassword?: boolean;
  /** Runs the change in main, which checks the current password itself. */
  readonly onSubmit: (currentPassword: string, newPassword: string) => Promise<Result<unknown>>;
  readonly onClose: () => void;
  /** False when the caller shows something next itself (the new recovery key). */
  readonly closesOnSuccess?: boolean;
}

/**
 * Re-asks the master password before a protection change (device unlock, a new password, a new
 * recovery key). Main checks it again: the window's word is never enough. The fields are emptied
 * as soon as main answers.
 */
export function PasswordDialog(props: PasswordDialogProps): React.JSX.Element {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const asksNew = props.asksNewPassword === true;
  const currentId = useId();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (asksNew && next !== repeat) {
      setError('The two new passwords differ. Type the same password twice.');
      return;
    }
    setBusy(true);
    const result = await props.onSubmit(current, next);
    setBusy(false);
    setCurrent('');
    setNext('');
    setRepeat('');
    if (result.ok) {
      if (props.closesOnSuccess !== false) props.onClose();
    } else {
      setError(result.error.message);
      // The fields were emptied: type again from the first one.
      document.getElementById(currentId)?.focus();
    }
  };

  const isIncomplete = current === '' || (asksNew && (next === '' || repeat === ''));
  return (
    <DialogFrame title={props.title} onClose={props.onClose} isBusy={isBusy}>
      <form className="dialog-form" onSubmit={(event) => void submit(event)}>
        <p className="lead">{props.lead}</p>
        <TextField
          id={currentId}
          label="Current master password"
          type="password"
          autoFocus
          autoComplete="current-password"
          value={current}
          invalid={error !== null}
          onChange={setCurrent}
        />
        {asksNew && (
          <>
            <TextField
              label="New master password"
              type="password"
              autoComplete="new-password"
              hint="At least 8 characters."
              value={next}
              onChange={setNext}
            />
            <TextField
              label="Repeat the new password"
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={setRepeat}
            />
          </>
        )}
        <FormError message={error} />
        <div className="actions">
          <button type="button" onClick={props.onClose} disabled={isBusy}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={isIncomplete || isBusy}>
            {isBusy ? 'Checking…' : props.submitLabel}
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}
