import { useId } from 'react';
import { useKeyturnStore } from '../../store';

/** Tenant › environment as a native select, grouped by tenant; production is named as such. */
export function EnvironmentSelect({
  label,
  value,
  onChange,
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (environmentId: string) => void;
}): React.JSX.Element {
  const id = useId();
  const tenants = useKeyturnStore((state) => state.outline?.tenants ?? []);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Choose an environment…</option>
        {tenants.map((tenant) => (
          <optgroup key={tenant.id} label={tenant.name}>
            {tenant.environments.map((environment) => (
              <option key={environment.id} value={environment.id}>
                {tenant.name} › {environment.name}
                {environment.kind === 'production' ? ' (production)' : ''}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
