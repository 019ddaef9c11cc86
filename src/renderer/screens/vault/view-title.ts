/** The list's title for the view in the sidebar. */
import type { TokenWindowView } from '../../../shared/ipc-window-channels';
import type { VaultOutline } from '../../../shared/window-views';
import { findEnvironment, findTenant } from '../../store/outline-slice';

export function viewTitle(view: TokenWindowView, outline: VaultOutline | null): string {
  switch (view.kind) {
    case 'all':
      return 'All tokens';
    case 'expiring':
      return 'Expiring soon';
    case 'tenant':
      return findTenant(outline, view.tenantId)?.name ?? 'Tenant';
    case 'environment': {
      const found = findEnvironment(outline, view.environmentId);
      return found === null ? 'Environment' : `${found.tenant.name} › ${found.environment.name}`;
    }
  }
}
