import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover } from 'react-aria-components';
import type { EnvironmentKind } from '../../shared/model';
import type { VaultOutline } from '../../shared/window-views';

interface EnvironmentChoice {
  readonly id: string;
  readonly tenant: string;
  readonly name: string;
  readonly kind: EnvironmentKind;
}

export function environmentChoices(outline: VaultOutline | null): EnvironmentChoice[] {
  return (outline?.tenants ?? []).flatMap((tenant) =>
    tenant.environments.map((environment) => ({
      id: environment.id,
      tenant: tenant.name,
      name: environment.name,
      kind: environment.kind,
    })),
  );
}

interface EnvironmentPickerProps {
  readonly outline: VaultOutline | null;
  readonly value: string | null;
  readonly onChange: (environmentId: string | null) => void;
}

/** Tenant › environment, searchable (a react-aria-components combobox); production is marked. */
export function EnvironmentPicker({ outline, value, onChange }: EnvironmentPickerProps): React.JSX.Element {
  const choices = environmentChoices(outline);
  const isProduction = choices.find((choice) => choice.id === value)?.kind === 'production';
  return (
    <ComboBox
      className="field"
      defaultItems={choices}
      selectedKey={value}
      menuTrigger="focus"
      onSelectionChange={(key) => onChange(key === null ? null : String(key))}
    >
      <Label>Environment</Label>
      <div className="combo">
        <Input dir="auto" placeholder="Tenant › environment" />
        <Button className="icon" aria-label="Show environments">
          ▾
        </Button>
      </div>
      {isProduction && <span className="prod-note">Production: this token reaches live systems.</span>}
      <Popover className="popover">
        <ListBox className="menu">
          {(choice: EnvironmentChoice) => (
            <ListBoxItem id={choice.id} textValue={`${choice.tenant} › ${choice.name}`} className="list-option">
              {choice.kind === 'production' && <span className="pill prod">PROD</span>}
              <bdi className="user-text">{choice.tenant}</bdi>
              <span aria-hidden="true">›</span>
              <bdi className="user-text">{choice.name}</bdi>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
