import type { ProviderFormField } from '../../../shared/window-views';
import { TextField } from '../../components/text-field';

interface ProviderFieldsProps {
  readonly fields: readonly ProviderFormField[];
  readonly values: Readonly<Record<string, string>>;
  readonly onChange: (key: string, value: string) => void;
  /** For a secret field left empty: what keeps the stored value. */
  readonly storedHint?: string;
}

/** The fields of a provider's form as main describes them (labels, help, secret or not). */
export function ProviderFields({ fields, values, onChange, storedHint }: ProviderFieldsProps): React.JSX.Element {
  return (
    <>
      {fields.map((field) => (
        <TextField
          key={field.key}
          label={field.required ? field.label : `${field.label} (optional)`}
          type={field.secret ? 'password' : 'text'}
          value={values[field.key] ?? ''}
          onChange={(value) => onChange(field.key, value)}
          hint={field.secret && storedHint !== undefined ? storedHint : (field.help ?? undefined)}
        />
      ))}
    </>
  );
}
