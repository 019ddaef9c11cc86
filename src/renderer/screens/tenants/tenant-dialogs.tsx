import { NameDialog } from '../../components/name-dialog';
import { UserText } from '../../components/user-text';
import { useKeyturnStore } from '../../store';
import { findTenant } from '../../store/outline-slice';

/** Add a tenant (a customer or project), or rename one. */
export function TenantNameDialog({
  tenantId,
  onClose,
}: {
  readonly tenantId: string | null;
  readonly onClose: () => void;
}): React.JSX.Element {
  const tenant = useKeyturnStore((state) => (tenantId === null ? null : findTenant(state.outline, tenantId)));
  const setView = useKeyturnStore((state) => state.setView);
  if (tenantId === null || tenant === null) {
    return (
      <NameDialog
        title="Add a tenant"
        label="Tenant name"
        initial=""
        hint="A customer, a project or a team: it holds environments (production, staging…)."
        submitLabel="Add tenant"
        onClose={onClose}
        onSubmit={async (name) => {
          const result = await window.keyturn.addTenant({ name });
          if (result.ok) setView({ kind: 'tenant', tenantId: result.value.id });
          return result;
        }}
      />
    );
  }
  return (
    <NameDialog
      title={
        <>
          Rename <UserText text={tenant.name} />
        </>
      }
      label="New name"
      initial={tenant.name}
      submitLabel="Rename"
      onClose={onClose}
      onSubmit={(name) => window.keyturn.renameTenant({ tenantId: tenant.id, name })}
    />
  );
}
