import { describe, expect, it } from 'vitest';
import type { TokenListItem, VaultStatus } from '../../../src/shared/ipc';
import { buildTrayMenu, type TrayItem } from '../../../src/main/electron/tray-menu';
import { toMenuTemplate } from '../../../src/main/electron/tray';

const UNLOCKED: VaultStatus = { state: 'unlocked', tokenCount: 4, expiringSoon: 0 };

function item(id: string, overrides: Partial<TokenListItem> = {}): TokenListItem {
  return {
    id,
    tenantId: 'acme',
    environmentId: 'acme-prod',
    label: id,
    kind: 'api-key',
    provider: 'satori',
    connectionId: null,
    providerKeyId: null,
    expiresAt: null,
    expirySource: null,
    lastVerifiedAt: null,
    lastUsedAt: null,
    rotationPolicy: null,
    tags: [],
    notes: '',
    revoked: false,
    createdAt: 0,
    updatedAt: 0,
    tenantName: 'Acme',
    environmentName: 'prod',
    environmentKind: 'production',
    expiryState: 'fresh',
    ...overrides,
  };
}

const tokensOf = (menu: readonly TrayItem[]) =>
  menu.flatMap((entry) => (entry.kind === 'token' ? [entry.tokenId] : []));

describe('tray menu model', () => {
  it('lists pinned tokens first, then the most recently used, up to the limit', () => {
    const tokens = [
      item('old', { lastUsedAt: 1 }),
      item('newest', { lastUsedAt: 30 }),
      item('newer', { lastUsedAt: 20 }),
      item('pinned'),
      item('never-used'),
    ];
    const menu = buildTrayMenu({ status: UNLOCKED, tokens, pinnedIds: new Set(['pinned']), recentLimit: 2 });
    expect(tokensOf(menu)).toEqual(['pinned', 'newest', 'newer']);
  });

  it('groups by tenant and environment and marks production', () => {
    const tokens = [
      item('p1', { lastUsedAt: 3 }),
      item('s1', { lastUsedAt: 2, environmentId: 'acme-stg', environmentName: 'staging', environmentKind: 'staging' }),
      item('p2', { lastUsedAt: 1 }),
    ];
    const menu = buildTrayMenu({ status: UNLOCKED, tokens, pinnedIds: new Set(), recentLimit: 10 });
    const headings = menu.filter((entry) => entry.kind === 'heading');
    expect(headings.map((heading) => heading.label)).toEqual(['Acme / prod — PRODUCTION', 'Acme / staging']);
    expect(tokensOf(menu)).toEqual(['p1', 'p2', 's1']);
    const p1 = menu.find((entry) => entry.kind === 'token' && entry.tokenId === 'p1');
    expect(p1).toMatchObject({ isProduction: true, label: '⚠ p1' });
  });

  it('never offers revoked tokens and marks expired ones', () => {
    const tokens = [
      item('gone', { revoked: true, lastUsedAt: 9 }),
      item('late', { lastUsedAt: 5, expiryState: 'expired' }),
    ];
    const menu = buildTrayMenu({ status: UNLOCKED, tokens, pinnedIds: new Set(['gone']), recentLimit: 5 });
    expect(tokensOf(menu)).toEqual(['late']);
    expect(menu.find((entry) => entry.kind === 'token')).toMatchObject({ label: '⚠ late (expired)' });
  });

  it('offers to install the keyturn command only when asked to, before Quit', () => {
    const actions = (offersCliInstall?: boolean) =>
      buildTrayMenu({ status: UNLOCKED, tokens: [], pinnedIds: new Set(), recentLimit: 5, offersCliInstall }).flatMap(
        (entry) => (entry.kind === 'action' ? [entry.action] : []),
      );
    expect(actions(true)).toEqual(['open', 'lock', 'install-cli', 'quit']);
    expect(actions(false)).toEqual(['open', 'lock', 'quit']);
    expect(actions()).toEqual(['open', 'lock', 'quit']);
  });

  it('says the tokens are on their way while the list is still being decrypted, with the usual actions', () => {
    const labels = (tokens: readonly TokenListItem[] | 'loading') =>
      buildTrayMenu({ status: UNLOCKED, tokens, pinnedIds: new Set(), recentLimit: 5 }).map((entry) =>
        entry.kind === 'separator' ? '—' : entry.label,
      );
    expect(labels('loading')).toEqual(['Opening your tokens…', '—', 'Open Keyturn', 'Lock', 'Quit']);
    expect(labels([])).toEqual(['No pinned or recent tokens', '—', 'Open Keyturn', 'Lock', 'Quit']);
  });

  it('shows no tokens while locked, only counts and unlock', () => {
    const menu = buildTrayMenu({
      status: { state: 'locked', tokenCount: 3, expiringSoon: 2 },
      tokens: [item('x', { lastUsedAt: 1 })],
      pinnedIds: new Set(['x']),
      recentLimit: 5,
    });
    expect(tokensOf(menu)).toEqual([]);
    expect(menu.map((entry) => ('label' in entry ? entry.label : '—'))).toEqual([
      'Locked',
      '2 expiring within a day',
      '—',
      'Unlock…',
      'Quit',
    ]);
  });

  it('turns into a menu template whose token items copy by id', () => {
    const copied: string[] = [];
    const menu = buildTrayMenu({
      status: UNLOCKED,
      tokens: [item('t1', { lastUsedAt: 1 })],
      pinnedIds: new Set(),
      recentLimit: 5,
    });
    const template = toMenuTemplate(menu, { copy: (id) => copied.push(id), act: () => undefined });
    const tokenEntry = template.find((entry) => entry.label === '⚠ t1');
    tokenEntry?.click?.(undefined as never, undefined, undefined as never);
    expect(copied).toEqual(['t1']);
    expect(template[0]).toMatchObject({ label: 'Acme / prod — PRODUCTION', enabled: false });
  });

  it('offers device unlock as a toggle, or says why it cannot, only when unlocked', () => {
    const labels = (deviceUnlock: 'on' | 'off' | 'unavailable') =>
      buildTrayMenu({ status: UNLOCKED, tokens: [], pinnedIds: new Set(), recentLimit: 5, deviceUnlock }).map(
        (entry) => (entry.kind === 'action' ? `${entry.action}:${entry.label}` : 'label' in entry ? entry.label : '—'),
      );
    expect(labels('off')).toContain('device-unlock-on:Unlock with this device (OS keychain)');
    expect(labels('on')).toContain('device-unlock-off:Stop unlocking with this device');
    expect(labels('unavailable')).toContain('Device unlock needs a secure OS keychain');
    expect(labels('unavailable').some((label) => label.startsWith('device-unlock'))).toBe(false);
    const locked = buildTrayMenu({
      status: { state: 'locked', tokenCount: 1, expiringSoon: 0 },
      tokens: [],
      pinnedIds: new Set(),
      recentLimit: 5,
      deviceUnlock: 'on',
    });
    expect(locked.some((entry) => entry.kind === 'action' && entry.action.startsWith('device-unlock'))).toBe(false);
  });
});
