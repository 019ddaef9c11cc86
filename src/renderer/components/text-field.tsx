import { useId, type InputHTMLAttributes } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly hint?: string;
  readonly invalid?: boolean;
}

/** A labelled input; user text in it is isolated (dir="auto"). */
export function TextField({
  label,
  value,
  onChange,
  hint,
  invalid,
  id: givenId,
  ...rest
}: TextFieldProps): React.JSX.Element {
  // A caller's id (something focuses the field by it) must still tie the label to the input.
  const generatedId = useId();
  const id = givenId ?? generatedId;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        dir="auto"
        spellCheck={false}
        autoComplete="off"
        value={value}
        aria-invalid={invalid === true ? true : undefined}
        aria-describedby={hint === undefined ? undefined : `${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
        {...rest}
      />
      {hint !== undefined && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}
