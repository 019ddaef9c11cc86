import { useEffect, useId, useState } from 'react';

interface NumberSettingProps {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  readonly hint?: string;
  /** Saves the new number; answers whether main took it. */
  readonly onSave: (value: number) => Promise<boolean>;
}

/**
 * A whole number saved when the field is left or Enter is pressed (not on every keystroke: "15"
 * would first save 1). Out of range is said in place and nothing is sent.
 */
export function NumberSetting({ label, value, min, max, unit, hint, onSave }: NumberSettingProps): React.JSX.Element {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setDraft(String(value)), [value]);

  const commit = async (): Promise<void> => {
    const parsed = Number(draft.trim());
    if (draft.trim() === '' || !Number.isInteger(parsed) || parsed < min || parsed > max) {
      setProblem(`Enter a whole number from ${min} to ${max}.`);
      return;
    }
    setProblem(null);
    if (parsed !== value && !(await onSave(parsed))) setDraft(String(value));
  };

  const describedBy = [hint === undefined ? '' : `${id}-hint`, problem === null ? '' : `${id}-problem`]
    .join(' ')
    .trim();
  return (
    <div className="setting-row">
      <label htmlFor={id}>{label}</label>
      <span className="setting-control">
        <input
          id={id}
          className="number"
          inputMode="numeric"
          value={draft}
          aria-invalid={problem === null ? undefined : true}
          aria-describedby={describedBy === '' ? undefined : describedBy}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={() => void commit()}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void commit();
          }}
        />
        <span className="unit">{unit}</span>
      </span>
      {hint !== undefined && (
        <span id={`${id}-hint`} className="hint setting-hint">
          {hint}
        </span>
      )}
      {problem !== null && (
        <span id={`${id}-problem`} className="error setting-hint" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

/** An on/off setting, saved at once. */
export function SwitchSetting({
  label,
  checked,
  hint,
  onChange,
}: {
  readonly label: string;
  readonly checked: boolean;
  readonly hint?: string;
  readonly onChange: (checked: boolean) => void;
}): React.JSX.Element {
  const id = useId();
  return (
    <div className="setting-row">
      <label htmlFor={id}>{label}</label>
      <span className="setting-control">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          aria-describedby={hint === undefined ? undefined : `${id}-hint`}
          onChange={(event) => onChange(event.target.checked)}
        />
      </span>
      {hint !== undefined && (
        <span id={`${id}-hint`} className="hint setting-hint">
          {hint}
        </span>
      )}
    </div>
  );
}
