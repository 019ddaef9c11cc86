/**
 * What the command palette offers: tokens (Enter copies), "Rotate <token>", tenants and
 * environments (Enter shows them), and the window's actions. Each item runs through the store, so
 * the palette does what the same button or key would do.
 */
import type { VaultOutline } from '../../../shared/window-views';
import type { TokenRow } from '../../../shared/window-views';
import { keyturnStore } from '../../store';

export type PaletteGroup = 'Token' | 'Rotate' | 'Tenant' | 'Environment' | 'Action';

export interface PaletteItem {
  readonly id: string;
  readonly group: PaletteGroup;
  /** What is matched and shown. */
  readonly title: string;
  /** What Enter does, in words ("Copy", "Show", "Run"). */
  readonly verb: string;
  readonly isProduction?: boolean;
  run(): void;
}

const store = () => keyturnStore.getState();

const ACTIONS: readonly PaletteItem[] = [
  { id: 'a:lock', group: 'Action', title: 'Lock', verb: 'Run', run: () => void store().lock() },
  { id: 'a:settings', group: 'Action', title: 'Settings', verb: 'Open', run: () => store().setScreen('settings') },
  { id: 'a:audit', group: 'Action', title: 'Audit log', verb: 'Open', run: () => store().showAudit(null) },
  {
    id: 'a:transfer',
    group: 'Action',
    title: 'Import and export (.env, backups)',
    verb: 'Open',
    run: () => store().setScreen('transfer'),
  },
  { id: 'a:pending', group: 'Action', title: 'Pending work', verb: 'Open', run: () => store().setScreen('pending') },
  { id: 'a:all', group: 'Action', title: 'All tokens', verb: 'Show', run: () => store().setView({ kind: 'all' }) },
  {
    id: 'a:expiring',
    group: 'Action',
    title: 'Expiring soon',
    verb: 'Show',
    run: () => store().setView({ kind: 'expiring' }),
  },
  {
    id: 'a:add-token',
    group: 'Action',
    title: 'Add a token',
    verb: 'Run',
    run: () => store().openDialog({ kind: 'add-token', environmentId: null }),
  },
  {
    id: 'a:add-tenant',
    group: 'Action',
    title: 'Add a tenant',
    verb: 'Run',
    run: () => store().openDialog({ kind: 'add-tenant' }),
  },
];

function tokenPath(row: TokenRow): string {
  return `${row.tenantName} › ${row.environmentName} › ${row.label}`;
}

export function paletteItems(outline: VaultOutline | null, tokens: readonly TokenRow[]): PaletteItem[] {
  const items: PaletteItem[] = [];
  for (const row of tokens) {
    const isProduction = row.environmentKind === 'production';
    items.push({
      id: `t:${row.id}`,
      group: 'Token',
      title: tokenPath(row),
      verb: 'Copy',
      isProduction,
      run: () => void store().copyToken(row.id, row.label),
    });
    if (!row.revoked)
      items.push({
        id: `r:${row.id}`,
        group: 'Rotate',
        title: `Rotate ${tokenPath(row)}`,
        verb: 'Run',
        isProduction,
        run: () => store().openDialog({ kind: 'lifecycle', operation: 'rotate', tokenId: row.id, label: row.label }),
      });
  }
  for (const tenant of outline?.tenants ?? []) {
    items.push({
      id: `n:${tenant.id}`,
      group: 'Tenant',
      title: tenant.name,
      verb: 'Show',
      run: () => store().setView({ kind: 'tenant', tenantId: tenant.id }),
    });
    for (const environment of tenant.environments)
      items.push({
        id: `e:${environment.id}`,
        group: 'Environment',
        title: `${tenant.name} › ${environment.name}`,
        verb: 'Show',
        isProduction: environment.kind === 'production',
        run: () => store().setView({ kind: 'environment', environmentId: environment.id }),
      });
  }
  return [...items, ...ACTIONS];
}
