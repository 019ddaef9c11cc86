/**
 * tokens:window — the token list as a query kept in main (DESIGN §5): the window sends the view,
 * the search text, the sort and the rows it shows (offset, limit), and gets the counts and those
 * rows, with the label ranges that matched. Never the whole match set: at 100k tokens that was
 * ~40 MB per keystroke to clone. Orders are kept per vault between queries (token-order.ts).
 */
import { KeyturnError } from '../../shared/errors';
import type { ParsedInput } from '../../shared/ipc';
import type { TokenSort, TokenWindowView } from '../../shared/ipc-window-channels';
import type { EnvironmentView, TokenView } from '../../shared/model';
import type { TokenRow, TokenWindow } from '../../shared/window-views';
import { expiryState, type LeadTimes } from '../lifecycle/expiry';
import { leadTimesFor } from './window-settings';
import type { Vault } from '../vault/types';
import { requireVault, type AppContext } from './context';
import { matchRanges, normaliseNeedle } from './match-ranges';
import { maskOf } from './token-matches';
import { selectFirst } from './first-rows';
import { comparator, TokenOrders } from './token-order';
import { scanSorted, type Counts, type Scan } from './token-scan';

/** A first query asking for rows past this is sorted whole (selection pays off for the first pages). */
const SELECT_AT_MOST = 1000;
/** Chunks of search haystacks built per turn of the event loop after the first rows. */
const PREPARE_CHUNKS = 16;

interface VaultMemo {
  readonly orders: TokenOrders;
  list: readonly TokenView[] | null;
  names: string;
  revision: number;
}

/**
 * Per unlocked vault. It holds token views (decrypted metadata), so a lock drops it at once
 * (forgetTokenWindows, from createApiHandlers), as the vault drops its own copy.
 */
const memos = new Map<Vault, VaultMemo>();

export function forgetTokenWindows(): void {
  memos.clear();
}

/** How many vaults' query state is kept (0 after a lock). */
export function keptTokenWindows(): number {
  return memos.size;
}

function memoOf(vault: Vault): VaultMemo {
  for (const other of memos.keys()) if (other !== vault) memos.delete(other);
  let memo = memos.get(vault);
  if (memo === undefined) {
    memo = { orders: new TokenOrders(), list: null, names: '', revision: 0 };
    memos.set(vault, memo);
  }
  return memo;
}

interface Names {
  readonly tenants: ReadonlyMap<string, string>;
  readonly environments: ReadonlyMap<string, EnvironmentView>;
  readonly key: string;
}

function readNames(vault: Vault): Names {
  const tenants = new Map(vault.listTenants().map((t) => [t.id, t.name]));
  const environments = new Map(vault.listEnvironments().map((e) => [e.id, e]));
  let key = '';
  for (const [id, name] of tenants) key += `${id}\u0000${name}\u0000`;
  for (const e of environments.values()) key += `${e.id}\u0000${e.name}\u0000${e.kind}\u0000`;
  return { tenants, environments, key };
}

export function queryTokenWindow(input: ParsedInput<'tokens:window'>, context: AppContext): TokenWindow {
  const vault = requireVault(context);
  const names = readNames(vault);
  assertViewExists(input.view, names);
  const list = vault.listTokens();
  const memo = memoOf(vault);
  if (memo.list !== list || memo.names !== names.key) {
    memo.list = list;
    memo.names = names.key;
    memo.revision += 1;
  }
  const needle = normaliseNeedle(input.text);
  const mask = needle === '' ? null : maskOf(vault, list, needle);
  const scan: Scan = {
    list,
    mask,
    inPlace: placeFilter(input.view),
    expiringOnly: input.view.kind === 'expiring',
    now: context.clock.now(),
    leadTimes: leadTimesFor(context, vault),
  };
  const first = memo.orders.has(input.sort) ? null : firstRows(scan, input);
  const { counts, positions } = first ?? scanSorted(scan, memo.orders.order(list, input.sort));
  const offset = input.offset < counts.matched ? input.offset : Math.max(0, counts.matched - input.limit);
  const rows: TokenRow[] = [];
  for (let i = offset; i < Math.min(counts.matched, offset + input.limit); i++) {
    rows.push(toRow(list[positions[i] as number] as TokenView, names, needle, scan.now, scan.leadTimes));
  }
  if (first !== null) prepareNext(vault, memo, list, input.sort);
  return { revision: memo.revision, ...counts, offset, rows };
}

/**
 * No order kept for this sort (the first query after unlock): the rows asked for are selected
 * from the matches instead of sorting them all (first-rows.ts). Null when they lie too deep.
 */
function firstRows(scan: Scan, input: ParsedInput<'tokens:window'>): { counts: Counts; positions: Int32Array } | null {
  const unsorted = scanSorted(
    scan,
    Int32Array.from({ length: scan.list.length }, (_, i) => i),
  );
  const { matched } = unsorted.counts;
  const offset = input.offset < matched ? input.offset : Math.max(0, matched - input.limit);
  const end = Math.min(matched, offset + input.limit);
  if (end > SELECT_AT_MOST) return null;
  const matches = unsorted.positions.subarray(0, matched);
  return { counts: unsorted.counts, positions: selectFirst(matches, end, comparator(scan.list, input.sort)) };
}

/**
 * After the first rows are sent: the full order, then the search haystacks in slices, each on
 * its own turn of the event loop, so the next keystroke or scroll finds them ready. Stops when
 * the vault locks (the memo is dropped) or the list changes (the next query starts over).
 */
function prepareNext(vault: Vault, memo: VaultMemo, list: readonly TokenView[], sort: TokenSort): void {
  const current = (): boolean => memos.get(vault) === memo && memo.list === list;
  const prepareSearch = (): void => {
    if (current() && !vault.prepareSearch(PREPARE_CHUNKS)) setImmediate(prepareSearch);
  };
  setImmediate(() => {
    if (!current()) return;
    memo.orders.order(list, sort);
    setImmediate(prepareSearch);
  });
}

/** Where the view's tokens live; the expiring view is all tokens, filtered by state in the scan. */
function placeFilter(view: TokenWindowView): (token: TokenView) => boolean {
  switch (view.kind) {
    case 'all':
    case 'expiring':
      return () => true;
    case 'tenant':
      return (token) => token.tenantId === view.tenantId;
    case 'environment':
      return (token) => token.environmentId === view.environmentId;
  }
}

function assertViewExists(view: TokenWindowView, names: Names): void {
  if (view.kind === 'tenant' && !names.tenants.has(view.tenantId))
    throw new KeyturnError('NOT_FOUND', 'This tenant no longer exists.');
  if (view.kind === 'environment' && !names.environments.has(view.environmentId))
    throw new KeyturnError('NOT_FOUND', 'This environment no longer exists.');
}

function toRow(token: TokenView, names: Names, needle: string, now: number, leadTimes: LeadTimes): TokenRow {
  const environment = names.environments.get(token.environmentId);
  return {
    id: token.id,
    label: token.label,
    labelMatches: matchRanges(token.label, needle),
    tenantId: token.tenantId,
    tenantName: names.tenants.get(token.tenantId) ?? '',
    environmentId: token.environmentId,
    environmentName: environment?.name ?? '',
    environmentKind: environment?.kind ?? 'custom',
    provider: token.provider,
    kind: token.kind,
    expiresAt: token.expiresAt,
    expiryState: expiryState(token, now, leadTimes),
    lastUsedAt: token.lastUsedAt,
    tags: token.tags,
    revoked: token.revoked,
  };
}
