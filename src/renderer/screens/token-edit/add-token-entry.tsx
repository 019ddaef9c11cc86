import { DialogFrame } from '../../components/dialog-frame';
import { useKeyturnStore } from '../../store';
import { AddTokenDialog } from './add-token-dialog';

interface AddTokenEntryProps {
  readonly environmentId: string | null;
  readonly onClose: () => void;
}

/**
 * "Add token" in a vault without an environment: a token needs one, so say what to add first
 * instead of a form whose environment list is empty and can only be refused.
 */
export function AddTokenEntry({ environmentId, onClose }: AddTokenEntryProps): React.JSX.Element {
  const outline = useKeyturnStore((state) => state.outline);
  const openDialog = useKeyturnStore((state) => state.openDialog);
  const tenants = outline?.tenants ?? [];
  if (outline === null || tenants.some((tenant) => tenant.environments.length > 0)) {
    return <AddTokenDialog environmentId={environmentId} onClose={onClose} />;
  }
  return (
    <DialogFrame title="Add a token" onClose={onClose}>
      <p className="lead">
        {tenants.length === 0
          ? 'A token belongs to an environment of a tenant (a customer or project). Add a tenant first, then an environment in it.'
          : 'A token belongs to an environment. Add one with “Add environment…” in a tenant’s menu in the sidebar.'}
      </p>
      <div className="actions">
        <button type="button" autoFocus={tenants.length > 0} onClick={onClose}>
          {tenants.length === 0 ? 'Cancel' : 'Close'}
        </button>
        {tenants.length === 0 && (
          <button type="button" className="primary" autoFocus onClick={() => openDialog({ kind: 'add-tenant' })}>
            Add a tenant…
          </button>
        )}
      </div>
    </DialogFrame>
  );
}
