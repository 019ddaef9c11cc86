import { useDeferredValue } from 'react';
import { plural } from '../../lib/words';
import { useKeyturnStore } from '../../store';
import type { AppScreen } from '../../store/ui-slice';
import { NavItem } from './nav-item';
import { TenantItem } from './tenant-item';

/** Screens reached from the sidebar's foot. */
const FOOTER_LINKS: readonly { readonly name: string; readonly screen: AppScreen }[] = [
  { name: 'Import and export', screen: 'transfer' },
  { name: 'Audit log', screen: 'audit' },
  { name: 'Settings', screen: 'settings' },
];

/**
 * Tenants › environments with counts and expiring/expired badges, the "All tokens" and "Expiring
 * soon" views, and pending work. Issue 13's Settings and Audit go in the footer's list.
 */
export function Sidebar(): React.JSX.Element {
  const outline = useKeyturnStore((state) => state.outline);
  const view = useKeyturnStore((state) => state.view);
  const screen = useKeyturnStore((state) => state.screen);
  const pending = useKeyturnStore((state) => state.rotations.length);
  const setView = useKeyturnStore((state) => state.setView);
  const setScreen = useKeyturnStore((state) => state.setScreen);
  const openDialog = useKeyturnStore((state) => state.openDialog);
  const showAudit = useKeyturnStore((state) => state.showAudit);
  const all = outline?.all;
  const onList = screen === 'vault';
  // The tenants (each with its menus) are rendered at a lower priority than the token list: after
  // an unlock the outline arrives just before the first rows, and those are painted first.
  const tenants = useDeferredValue(outline?.tenants ?? null);

  return (
    <nav className="sidebar" aria-label="Views">
      <ul>
        <NavItem
          name="All tokens"
          isCurrent={onList && view.kind === 'all'}
          count={all?.tokens ?? 0}
          onSelect={() => setView({ kind: 'all' })}
        />
        <NavItem
          name="Expiring soon"
          isCurrent={onList && view.kind === 'expiring'}
          count={(all?.expiring ?? 0) + (all?.expired ?? 0)}
          expiring={all?.expiring}
          expired={all?.expired}
          onSelect={() => setView({ kind: 'expiring' })}
        />
        <NavItem
          name="Pending work"
          isCurrent={screen === 'pending'}
          count={pending}
          countLabel={pending === 0 ? undefined : plural(pending, 'unfinished job')}
          onSelect={() => setScreen('pending')}
        />
      </ul>
      <h3 id="tenants-heading">
        Tenants
        <button
          type="button"
          className="icon quiet"
          aria-label="Add a tenant"
          onClick={() => openDialog({ kind: 'add-tenant' })}
        >
          +
        </button>
      </h3>
      {tenants !== null && tenants.length === 0 && (
        <p className="hint sidebar-empty">
          No tenants yet. A tenant is a customer or project; add one, then its environments.
        </p>
      )}
      <ul aria-labelledby="tenants-heading">
        {tenants?.map((tenant) => (
          <TenantItem key={tenant.id} tenant={tenant} />
        ))}
      </ul>
      {FOOTER_LINKS.length > 0 && (
        <ul className="sidebar-footer" aria-label="More">
          {FOOTER_LINKS.map((link) => (
            <NavItem
              key={link.screen}
              name={link.name}
              isCurrent={screen === link.screen}
              onSelect={() => (link.screen === 'audit' ? showAudit(null) : setScreen(link.screen))}
            />
          ))}
        </ul>
      )}
    </nav>
  );
}
