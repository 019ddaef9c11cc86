/**
 * The tray menu as plain data: the pinned tokens first, in the user's order (tray:pin / tray:reorder),
 * then the recently used, each under its tenant and environment, production marked. tray.ts turns
 * it into an Electron menu.
 */
import type { TokenListItem, VaultStatus } from '../../shared/ipc';
import type { ExpiryState } from '../../shared/model';
import type { DeviceUnlockState } from './device-unlock';

export type TrayAction = 'open' | 'lock' | 'quit' | 'device-unlock-on' | 'device-unlock-off' | 'install-cli';

export type TrayItem =
  | { readonly kind: 'heading'; readonly label: string; readonly isProduction: boolean }
  | {
      readonly kind: 'token';
      readonly tokenId: string;
      readonly label: string;
      readonly isPinned: boolean;
      readonly isProduction: boolean;
      readonly expiryState: ExpiryState;
    }
  | { readonly kind: 'note'; readonly label: string }
  | { readonly kind: 'separator' }
  | { readonly kind: 'action'; readonly action: TrayAction; readonly label: string };

export interface TrayInput {
  readonly status: VaultStatus;
  /** `loading`: just unlocked, the token list is still being decrypted (app-tray.ts). */
  readonly tokens: readonly TokenListItem[] | 'loading';
  /** Pinned tokens in menu order (a Set keeps the order they were added in). */
  readonly pinnedIds: ReadonlySet<string>;
  readonly recentLimit: number;
  /** Whether this machine unlocks without the password; omitted: no toggle is shown. */
  readonly deviceUnlock?: DeviceUnlockState;
  /** An installed macOS app offers to link the `keyturn` command into /usr/local/bin. */
  readonly offersCliInstall?: boolean;
}

const INSTALL_CLI: readonly TrayItem[] = [
  { kind: 'action', action: 'install-cli', label: 'Install the keyturn command…' },
];

const FOOTER_UNLOCKED: readonly TrayItem[] = [
  { kind: 'separator' },
  { kind: 'action', action: 'open', label: 'Open Keyturn' },
  { kind: 'action', action: 'lock', label: 'Lock' },
  { kind: 'action', action: 'quit', label: 'Quit' },
];

export function buildTrayMenu(input: TrayInput): readonly TrayItem[] {
  if (input.status.state !== 'unlocked') return lockedMenu(input.status);
  const footer = [
    ...deviceUnlockItems(input.deviceUnlock),
    ...FOOTER_UNLOCKED.slice(0, -1),
    ...(input.offersCliInstall === true ? INSTALL_CLI : []),
    ...FOOTER_UNLOCKED.slice(-1),
  ];
  if (input.tokens === 'loading') return [{ kind: 'note', label: 'Opening your tokens…' }, ...footer];
  const { pinned, recent } = chooseTokens(input.tokens, input);
  if (pinned.length + recent.length === 0) return [{ kind: 'note', label: 'No pinned or recent tokens' }, ...footer];
  const pinnedItems = groupItems(runsOf(pinned), input.pinnedIds);
  const recentItems = groupItems(groupsOf(recent), input.pinnedIds);
  const between: readonly TrayItem[] = pinnedItems.length > 0 && recentItems.length > 0 ? [{ kind: 'separator' }] : [];
  return [...pinnedItems, ...between, ...recentItems, ...footer];
}

/** The toggle for unlocking with the OS keychain; where the keychain is unsafe, only a note why not. */
function deviceUnlockItems(state: DeviceUnlockState | undefined): readonly TrayItem[] {
  switch (state) {
    case undefined:
      return [];
    case 'on':
      return [
        { kind: 'separator' },
        { kind: 'action', action: 'device-unlock-off', label: 'Stop unlocking with this device' },
      ];
    case 'off':
      return [
        { kind: 'separator' },
        { kind: 'action', action: 'device-unlock-on', label: 'Unlock with this device (OS keychain)' },
      ];
    case 'unavailable':
      return [{ kind: 'separator' }, { kind: 'note', label: 'Device unlock needs a secure OS keychain' }];
  }
}

const LOCKED_WORDS: Readonly<Record<Exclude<VaultStatus['state'], 'unlocked'>, { note: string; open: string }>> = {
  missing: { note: 'No vault yet', open: 'Create vault…' },
  unreadable: { note: 'Vault file unreadable', open: 'Open Keyturn…' },
  locked: { note: 'Locked', open: 'Unlock…' },
};

function lockedMenu(status: Exclude<VaultStatus, { state: 'unlocked' }>): readonly TrayItem[] {
  const note =
    status.state === 'locked' && status.expiringSoon > 0
      ? [{ kind: 'note', label: `${status.expiringSoon} expiring within a day` } as const]
      : [];
  const words = LOCKED_WORDS[status.state];
  return [
    { kind: 'note', label: words.note },
    ...note,
    { kind: 'separator' },
    { kind: 'action', action: 'open', label: words.open },
    { kind: 'action', action: 'quit', label: 'Quit' },
  ];
}

/** Pinned first in the user's order (the set's), then most recently used; revoked tokens never appear. */
function chooseTokens(
  tokens: readonly TokenListItem[],
  input: Pick<TrayInput, 'pinnedIds' | 'recentLimit'>,
): { pinned: TokenListItem[]; recent: TokenListItem[] } {
  const live = tokens.filter((token) => !token.revoked);
  const byId = new Map(live.map((token) => [token.id, token]));
  const pinned = [...input.pinnedIds].flatMap((id) => byId.get(id) ?? []);
  const recent = live
    .filter((token) => !input.pinnedIds.has(token.id) && token.lastUsedAt !== null)
    .sort((a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0))
    .slice(0, input.recentLimit);
  return { pinned, recent };
}

const placeOf = (token: TokenListItem): string => `${token.tenantId}\u0000${token.environmentId}`;

/** Pinned tokens keep the user's exact order: a heading starts each run of one environment. */
function runsOf(tokens: readonly TokenListItem[]): TokenListItem[][] {
  const runs: TokenListItem[][] = [];
  for (const token of tokens) {
    const last = runs.at(-1);
    if (last !== undefined && last[0] !== undefined && placeOf(last[0]) === placeOf(token)) last.push(token);
    else runs.push([token]);
  }
  return runs;
}

/** Recently used tokens are grouped by environment, groups in first-seen (most recent) order. */
function groupsOf(tokens: readonly TokenListItem[]): TokenListItem[][] {
  const groups = new Map<string, TokenListItem[]>();
  for (const token of tokens) groups.set(placeOf(token), [...(groups.get(placeOf(token)) ?? []), token]);
  return [...groups.values()];
}

function groupItems(groups: readonly TokenListItem[][], pinnedIds: ReadonlySet<string>): readonly TrayItem[] {
  return groups.flatMap((group, index) => {
    const first = group[0];
    if (first === undefined) return [];
    const isProduction = first.environmentKind === 'production';
    const heading: TrayItem = {
      kind: 'heading',
      label: `${first.tenantName} / ${first.environmentName}${isProduction ? ' — PRODUCTION' : ''}`,
      isProduction,
    };
    const items = group.map((token): TrayItem => ({
      kind: 'token',
      tokenId: token.id,
      label: tokenLabel(token, isProduction),
      isPinned: pinnedIds.has(token.id),
      isProduction,
      expiryState: token.expiryState,
    }));
    return index === 0 ? [heading, ...items] : [{ kind: 'separator' } as const, heading, ...items];
  });
}

function tokenLabel(token: TokenListItem, isProduction: boolean): string {
  const marks = [isProduction ? '⚠' : '', token.expiryState === 'expired' ? '(expired)' : ''];
  const suffix = token.expiryState === 'expiring' ? ' (expiring)' : '';
  return [marks[0], token.label + suffix, marks[1]].filter((part) => part !== '').join(' ');
}
