import { useCallback } from 'react';
import { UserText } from '../../components/user-text';
import { useKeyturnStore } from '../../store';
import { findEnvironment, findTenant } from '../../store/outline-slice';
import { RemoveDialog } from './remove-dialog';

/** Remove a tenant (with its environments, connections and tokens) or one environment. */
export function RemoveStructureDialog({
  tenantId,
  environmentId,
  onClose,
}: {
  readonly tenantId?: string;
  readonly environmentId?: string;
  readonly onClose: () => void;
}): React.JSX.Element | null {
  const outline = useKeyturnStore((state) => state.outline);
  const tenant = tenantId === undefined ? null : findTenant(outline, tenantId);
  const found = environmentId === undefined ? null : findEnvironment(outline, environmentId);
  const loadTenant = useCallback(() => window.keyturn.tenantRemoval({ tenantId: tenantId ?? '' }), [tenantId]);
  const loadEnvironment = useCallback(
    () => window.keyturn.environmentRemoval({ environmentId: environmentId ?? '' }),
    [environmentId],
  );
  if (tenant !== null) {
    return (
      <RemoveDialog
        title={
          <>
            Remove tenant <UserText text={tenant.name} />?
          </>
        }
        isTenant
        loadImpact={loadTenant}
        remove={(expectedTokens) => window.keyturn.removeTenant({ tenantId: tenant.id, expectedTokens })}
        onClose={onClose}
      />
    );
  }
  if (found === null) return null;
  return (
    <RemoveDialog
      title={
        <>
          Remove environment <UserText text={`${found.tenant.name} › ${found.environment.name}`} />?
        </>
      }
      isTenant={false}
      loadImpact={loadEnvironment}
      remove={(expectedTokens) =>
        window.keyturn.removeEnvironment({ environmentId: found.environment.id, expectedTokens })
      }
      onClose={onClose}
    />
  );
}
