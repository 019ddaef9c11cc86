import { useState } from 'react';
import { ENVIRONMENT_KINDS, type EnvironmentKind } from '../../../shared/model';
import { NameDialog } from '../../components/name-dialog';
import { SelectField } from '../../components/select-field';
import { UserText } from '../../components/user-text';
import { ENVIRONMENT_KIND_NAMES } from '../../lib/words';
import { useKeyturnStore } from '../../store';
import { findEnvironment, findTenant } from '../../store/outline-slice';

const KIND_OPTIONS = ENVIRONMENT_KINDS.map((kind) => ({ value: kind, label: ENVIRONMENT_KIND_NAMES[kind] }));

interface EnvironmentDialogProps {
  /** Add an environment to this tenant… */
  readonly tenantId?: string;
  /** …or rename / change the kind of this one. */
  readonly environmentId?: string;
  readonly onClose: () => void;
}

/** Add an environment, or rename one and change its kind (chosen from the existing kinds). */
export function EnvironmentDialog({
  tenantId,
  environmentId,
  onClose,
}: EnvironmentDialogProps): React.JSX.Element | null {
  const outline = useKeyturnStore((state) => state.outline);
  const setView = useKeyturnStore((state) => state.setView);
  const existing = environmentId === undefined ? null : findEnvironment(outline, environmentId);
  const tenant = existing?.tenant ?? (tenantId === undefined ? null : findTenant(outline, tenantId));
  const [kind, setKind] = useState<EnvironmentKind>(existing?.environment.kind ?? 'development');
  if (tenant === null) return null;

  const kindField = (
    <SelectField
      label="Kind"
      value={kind}
      options={KIND_OPTIONS}
      onChange={setKind}
      hint={kind === 'production' ? 'Production is marked in red everywhere, so it is never mistaken.' : undefined}
    />
  );

  if (existing !== null) {
    const { environment } = existing;
    return (
      <NameDialog
        title={
          <>
            Edit <UserText text={environment.name} />
          </>
        }
        label="Environment name"
        initial={environment.name}
        submitLabel="Save"
        onClose={onClose}
        onSubmit={(name) =>
          window.keyturn.updateEnvironment({
            environmentId: environment.id,
            ...(name === environment.name ? {} : { name }),
            kind,
          })
        }
      >
        {kindField}
      </NameDialog>
    );
  }
  return (
    <NameDialog
      title={
        <>
          Add an environment to <UserText text={tenant.name} />
        </>
      }
      label="Environment name"
      initial=""
      hint="For example prod, staging or dev."
      submitLabel="Add environment"
      onClose={onClose}
      onSubmit={async (name) => {
        const result = await window.keyturn.addEnvironment({ tenant: tenant.name, name, kind });
        if (result.ok) setView({ kind: 'environment', environmentId: result.value.id });
        return result;
      }}
    >
      {kindField}
    </NameDialog>
  );
}
