import type { OutlineEnvironment, OutlineTenant } from '../../../shared/window-views';
import { ActionMenu } from '../../components/action-menu';
import { useKeyturnStore } from '../../store';
import { NavItem } from './nav-item';

/** A tenant and its environments in the sidebar, each with its menu. */
export function TenantItem({ tenant }: { readonly tenant: OutlineTenant }): React.JSX.Element {
  const view = useKeyturnStore((state) => state.view);
  const screen = useKeyturnStore((state) => state.screen);
  const setView = useKeyturnStore((state) => state.setView);
  const openDialog = useKeyturnStore((state) => state.openDialog);
  const isCurrent = screen === 'vault' && view.kind === 'tenant' && view.tenantId === tenant.id;

  const onAction = (id: string): void => {
    if (id === 'add-environment') openDialog({ kind: 'add-environment', tenantId: tenant.id });
    else if (id === 'rename') openDialog({ kind: 'rename-tenant', tenantId: tenant.id });
    else if (id === 'remove') openDialog({ kind: 'remove-tenant', tenantId: tenant.id });
  };

  return (
    <NavItem
      name={tenant.name}
      level="tenant"
      isCurrent={isCurrent}
      count={tenant.tokens}
      expiring={tenant.expiring}
      expired={tenant.expired}
      onSelect={() => setView({ kind: 'tenant', tenantId: tenant.id })}
      menu={
        <ActionMenu
          label={`Actions for tenant ${tenant.name}`}
          buttonClassName="nav-menu"
          onAction={onAction}
          actions={[
            { id: 'add-environment', label: 'Add environment…' },
            { id: 'rename', label: 'Rename…' },
            { id: 'remove', label: 'Remove…', danger: true, separated: true },
          ]}
        />
      }
    >
      {tenant.environments.length > 0 && (
        <ul>
          {tenant.environments.map((environment) => (
            <EnvironmentItem key={environment.id} environment={environment} />
          ))}
        </ul>
      )}
    </NavItem>
  );
}

function EnvironmentItem({ environment }: { readonly environment: OutlineEnvironment }): React.JSX.Element {
  const view = useKeyturnStore((state) => state.view);
  const screen = useKeyturnStore((state) => state.screen);
  const setView = useKeyturnStore((state) => state.setView);
  const openDialog = useKeyturnStore((state) => state.openDialog);
  const isCurrent = screen === 'vault' && view.kind === 'environment' && view.environmentId === environment.id;
  const environmentId = environment.id;
  const canCreate = environment.connections.length > 0;

  const onAction = (id: string): void => {
    if (id === 'add-token') openDialog({ kind: 'add-token', environmentId });
    else if (id === 'create-token') openDialog({ kind: 'create-token', environmentId });
    else if (id === 'connect') openDialog({ kind: 'connect', environmentId });
    else if (id === 'edit') openDialog({ kind: 'edit-environment', environmentId });
    else if (id === 'remove') openDialog({ kind: 'remove-environment', environmentId });
  };

  return (
    <NavItem
      name={environment.name}
      level="environment"
      isProduction={environment.kind === 'production'}
      isCurrent={isCurrent}
      count={environment.tokens}
      expiring={environment.expiring}
      expired={environment.expired}
      onSelect={() => setView({ kind: 'environment', environmentId })}
      menu={
        <ActionMenu
          label={`Actions for environment ${environment.name}`}
          buttonClassName="nav-menu"
          onAction={onAction}
          actions={[
            { id: 'add-token', label: 'Add a token here…' },
            { id: 'create-token', label: 'Create a key at the provider…', disabled: !canCreate },
            { id: 'connect', label: canCreate ? 'Connection to a provider…' : 'Connect to a provider…' },
            { id: 'edit', label: 'Rename or change kind…', separated: true },
            { id: 'remove', label: 'Remove…', danger: true },
          ]}
        />
      }
    />
  );
}
