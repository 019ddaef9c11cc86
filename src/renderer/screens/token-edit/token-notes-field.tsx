import { useId } from 'react';

/** The notes textarea (free text, isolated). */
export function TokenNotesField({
  value,
  onChange,
}: {
  readonly value: string;
  readonly onChange: (value: string) => void;
}): React.JSX.Element {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Notes</label>
      <textarea
        id={id}
        dir="auto"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
