import { useKeyturnStore } from '../store';
import type { DialogRequest } from '../store/dialogs';
import { ConnectDialog } from './connect/connect-dialog';
import { CreateTokenDialog } from './rotation/create-token-dialog';
import { LifecycleDialog } from './rotation/lifecycle-dialog';
import { ManualRotationDialog } from './rotation/manual-rotation-dialog';
import { ChangePasswordDialog, DeviceUnlockDialog, NewRecoveryKeyDialog } from './settings/protection-dialogs';
import { EnvironmentDialog } from './tenants/environment-dialog';
import { RemoveStructureDialog } from './tenants/remove-dialogs';
import { TenantNameDialog } from './tenants/tenant-dialogs';
import { AddTokenEntry } from './token-edit/add-token-entry';
import { DeleteTokenDialog } from './token-edit/delete-token-dialog';
import { EditTokenDialog } from './token-edit/edit-token-dialog';
import { useFocusAfterDialog } from './use-focus-after-dialog';

function render(dialog: DialogRequest, close: () => void): React.JSX.Element | null {
  switch (dialog.kind) {
    case 'change-password':
      return <ChangePasswordDialog onClose={close} />;
    case 'new-recovery-key':
      return <NewRecoveryKeyDialog onClose={close} />;
    case 'device-unlock':
      return <DeviceUnlockDialog onClose={close} />;
    case 'add-tenant':
      return <TenantNameDialog tenantId={null} onClose={close} />;
    case 'rename-tenant':
      return <TenantNameDialog tenantId={dialog.tenantId} onClose={close} />;
    case 'remove-tenant':
      return <RemoveStructureDialog tenantId={dialog.tenantId} onClose={close} />;
    case 'add-environment':
      return <EnvironmentDialog tenantId={dialog.tenantId} onClose={close} />;
    case 'edit-environment':
      return <EnvironmentDialog environmentId={dialog.environmentId} onClose={close} />;
    case 'remove-environment':
      return <RemoveStructureDialog environmentId={dialog.environmentId} onClose={close} />;
    case 'add-token':
      return <AddTokenEntry environmentId={dialog.environmentId} onClose={close} />;
    case 'edit-token':
      return <EditTokenDialog tokenId={dialog.tokenId} onClose={close} />;
    case 'delete-token':
      return <DeleteTokenDialog tokenId={dialog.tokenId} onClose={close} />;
    case 'connect':
      return <ConnectDialog environmentId={dialog.environmentId} onClose={close} />;
    case 'create-token':
      return <CreateTokenDialog environmentId={dialog.environmentId} onClose={close} />;
    case 'lifecycle':
      return <LifecycleDialog {...dialog} onClose={close} />;
    case 'manual-rotation':
      return <ManualRotationDialog {...dialog} onClose={close} />;
  }
}

/** Shows the one open dialog (store/dialogs.ts); focus after it closes: use-focus-after-dialog.ts. */
export function DialogHost(): React.JSX.Element | null {
  const dialog = useKeyturnStore((state) => state.dialog);
  const closeDialog = useKeyturnStore((state) => state.closeDialog);
  useFocusAfterDialog(dialog);

  if (dialog === null) return null;
  // A new key per request: opening another dialog from one (revoke from delete) starts it fresh.
  return <div key={JSON.stringify(dialog)}>{render(dialog, closeDialog)}</div>;
}
