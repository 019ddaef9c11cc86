import { useState, type FormEvent, type ReactNode } from 'react';
import type { Result } from '../../shared/errors';
import { DialogFrame } from './dialog-frame';
import { FormError } from './form-error';
import { TextField } from './text-field';

interface NameDialogProps {
  readonly title: ReactNode;
  readonly label: string;
  readonly initial: string;
  readonly submitLabel: string;
  readonly hint?: string;
  readonly onSubmit: (name: string) => Promise<Result<unknown>>;
  readonly onClose: () => void;
  readonly children?: ReactNode;
}

/** Asks for one name (a tenant's, an environment's); main's refusal is shown as its sentence. */
export function NameDialog(props: NameDialogProps): React.JSX.Element {
  const [name, setName] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const result = await props.onSubmit(name.trim());
    setBusy(false);
    if (result.ok) props.onClose();
    else setError(result.error.message);
  };

  return (
    <DialogFrame title={props.title} onClose={props.onClose} isBusy={isBusy}>
      <form className="dialog-form" onSubmit={(event) => void submit(event)}>
        <TextField
          label={props.label}
          autoFocus
          value={name}
          invalid={error !== null}
          hint={props.hint}
          onChange={(value) => {
            setName(value);
            setError(null);
          }}
        />
        {props.children}
        <FormError message={error} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={name.trim() === '' || isBusy}>
            {props.submitLabel}
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}
