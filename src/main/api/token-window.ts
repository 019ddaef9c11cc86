/**
 * tokens:window — the token list as a query kept in main (DESIGN §5): the window sends the view,
 * the search text, the sort and the rows it shows (offset, limit), and gets the counts and those
 * rows, with the label ranges that matched. Never the whole match set: at 100k tokens that was
 * ~40 MB per keystroke to clone. Orders are kept per vault between queries (token-order.ts).
 */
import { KeyturnError } from '../../shared/errors';
import type { ParsedInput } from '../../shared/ipc';
import type { TokenSort, TokenWindowView } from '../../shared/ipc-window-channels';
import type { TokenView } from '../../shared/model';
import type { TokenRow, TokenWindow } from '../../shared/window-views';
import { leadTimesFor } from './window-settings';
import type { Vault } from '../vault/types';
import { requireVault, type AppContext } from './context';
import type { Clock, TimerHandle } from './ports';
import { normaliseNeedle } from './match-ranges';
import { maskOf } from './token-matches';
import { selectFirst } from '../vault/first-rows';
import { answerFromFirstScreen, firstScreenRows, firstScreenTag } from './first-screen';
import { expiryStatesAt, type ExpiryStates } from './expiry-states';
import { comparator, TokenOrders } from './token-order';
import { readNames, toRow, type Names } from './token-row';
import { scanSorted, type Counts, type Scan } from './token-scan';

/** A first query asking for rows past this is sorted whole (selection pays off for the first pages). */
const SELECT_AT_MOST = 1000;
/** Chunks of search haystacks built per turn of the event loop after the first rows. */
const PREPARE_CHUNKS = 16;
/** Chunks decrypted per turn of the event loop after a first screen answered from the record. */
const LOAD_CHUNKS = 16;
/**
 * The list's decryption starts this long after the first screen was answered from the record: the
 * window's first paint (the outline and the first rows arrive within ~50 ms of each other) goes
 * first. bench/README.md, the first unlock after the app starts.
 */
export const LIST_AFTER_FIRST_SCREEN_MS = 250;
/** The first-screen record is renewed this long after the list last changed (one write for a burst). */
const RENEW_DELAY_MS = 1000;

interface VaultMemo {
  readonly orders: TokenOrders;
  list: readonly TokenView[] | null;
  /** The list's expiry states, kept until the clock changes one (expiry-states.ts). */
  states: ExpiryStates | null;
  names: string;
  /** What the last answer from the first-screen record described (its chunk revisions and names). */
  recordDescribes: string;
  revision: number;
  /** Decrypting the list on idle turns (decryptListSoon). */
  loading: boolean;
  /**
   * That decryption failed (a damaged chunk): the first-screen record is no longer used, so every
   * answer comes from the list and shows the vault's error, until the vault locks.
   */
  listFailed: boolean;
  /** The first-screen record's renewal, due (renewFirstScreenSoon), and the clock it is due on. */
  renewal: { readonly clock: Clock; readonly handle: TimerHandle } | null;
}

/**
 * Per unlocked vault. It holds token views (decrypted metadata), so a lock drops it at once
 * (forgetTokenWindows, from createApiHandlers), as the vault drops its own copy.
 */
const memos = new Map<Vault, VaultMemo>();

export function forgetTokenWindows(): void {
  for (const memo of memos.values()) cancelRenewal(memo);
  memos.clear();
}

/** How many vaults' query state is kept (0 after a lock). */
export function keptTokenWindows(): number {
  return memos.size;
}

function memoOf(vault: Vault): VaultMemo {
  for (const [other, kept] of memos) {
    if (other === vault) continue;
    cancelRenewal(kept);
    memos.delete(other);
  }
  let memo = memos.get(vault);
  if (memo === undefined) {
    memo = {
      orders: new TokenOrders(),
      list: null,
      states: null,
      names: '',
      recordDescribes: '',
      revision: 0,
      loading: false,
      listFailed: false,
      renewal: null,
    };
    memos.set(vault, memo);
  }
  return memo;
}

export function queryTokenWindow(input: ParsedInput<'tokens:window'>, context: AppContext): TokenWindow {
  const vault = requireVault(context);
  const names = readNames(vault);
  assertViewExists(input.view, names);
  const memo = memoOf(vault);
  const early = memo.listFailed ? null : answerFromFirstScreen(vault, input, context, names);
  if (early !== null) {
    decryptListSoon(context, vault);
    // Answers from the record change revision when what it describes changes (a write before the list is loaded).
    if (early.describes !== memo.recordDescribes) {
      memo.recordDescribes = early.describes;
      memo.revision += 1;
    }
    return { revision: memo.revision, ...early.window };
  }
  const list = vault.listTokens();
  noteList(context, vault, memo, list, names.key);
  const needle = normaliseNeedle(input.text);
  const mask = needle === '' ? null : maskOf(vault, list, needle);
  const now = context.clock.now();
  const leadTimes = leadTimesFor(context, vault);
  memo.states = expiryStatesAt(memo.states, list, now, leadTimes);
  const scan: Scan = {
    list,
    mask,
    inPlace: placeFilter(input.view),
    expiringOnly: input.view.kind === 'expiring',
    now,
    leadTimes,
    states: memo.states.codes,
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

/**
 * The list (or the names) changed: a new revision, and the first-screen record renewed soon. The
 * first list since the unlock renews it on the next turn of the event loop, not a second later: a
 * vault whose record was missing or stale (its first screen worked out from the chunks) then has it
 * for the next unlock even if this one ends within the second. The vault writes only the parts that are
 * not current, so a current record costs no write.
 */
function noteList(context: AppContext, vault: Vault, memo: VaultMemo, list: readonly TokenView[], names: string): void {
  if (memo.list === list && memo.names === names) return;
  const isFirstList = memo.list === null;
  memo.list = list;
  memo.names = names;
  memo.revision += 1;
  renewFirstScreenSoon(context, vault, memo, isFirstList ? 0 : RENEW_DELAY_MS);
}

/** The first-screen record may answer (its list did not fail to decrypt since the unlock). */
export function mayAnswerFromRecord(vault: Vault): boolean {
  return !memoOf(vault).listFailed;
}

/**
 * After a first screen answered from the record: the list decrypted in slices, one per turn of
 * the event loop, then what the first query would have left for idle turns (the label order, the
 * search haystacks). The first slice waits LIST_AFTER_FIRST_SCREEN_MS on main's clock, so the
 * window paints its first rows without main decrypting beside it (two cores are shared by main,
 * the renderer and the compositor). A query meanwhile decrypts what is left at once
 * (listTokens). A chunk that fails to open stops the slices and tells the window the list
 * changed: its next query asks the list and shows the vault's error (mayAnswerFromRecord).
 */
export function decryptListSoon(context: AppContext, vault: Vault): void {
  const memo = memoOf(vault);
  if (memo.loading) return;
  memo.loading = true;
  const step = (): void => {
    if (memos.get(vault) !== memo || vault.isLocked) return;
    try {
      if (!vault.loadTokens(LOAD_CHUNKS)) {
        setImmediate(step);
        return;
      }
    } catch {
      memo.loading = false;
      memo.listFailed = true;
      context.events?.changed('tokens');
      return;
    }
    memo.loading = false;
    const list = vault.listTokens();
    noteList(context, vault, memo, list, readNames(vault).key);
    if (!memo.orders.has('label')) prepareNext(vault, memo, list, 'label');
  };
  context.clock.setTimeout(step, LIST_AFTER_FIRST_SCREEN_MS);
}

/**
 * The first-screen record renewed from the whole list `delayMs` after the list last changed (the
 * vault writes only the parts that do not describe the list already). Best effort: the record is
 * never needed for a right answer, so a failure (the vault locked or busy, a full disk) leaves the
 * old parts, which no longer match their chunks and are not used.
 */
function renewFirstScreenSoon(context: AppContext, vault: Vault, memo: VaultMemo, delayMs: number): void {
  cancelRenewal(memo);
  const handle = context.clock.setTimeout(() => {
    memo.renewal = null;
    if (memos.get(vault) !== memo || vault.isLocked) return;
    try {
      vault.writeFirstScreen(firstScreenTag(), (list) => firstScreenRows(list, memo.orders.order(list, 'label')));
    } catch {
      return;
    }
  }, delayMs);
  memo.renewal = { clock: context.clock, handle };
}

function cancelRenewal(memo: VaultMemo): void {
  if (memo.renewal !== null) memo.renewal.clock.clearTimeout(memo.renewal.handle);
  memo.renewal = null;
}

/** Where the view's tokens live (null: all of them); the expiring view is all tokens, filtered by state in the scan. */
function placeFilter(view: TokenWindowView): ((token: TokenView) => boolean) | null {
  switch (view.kind) {
    case 'all':
    case 'expiring':
      return null;
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
