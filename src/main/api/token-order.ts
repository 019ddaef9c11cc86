/**
 * The token list's sort orders, kept in main between queries: positions into the vault's token
 * list, sorted by label (case and accents ignored, numbers in numeric order: "key 2" before
 * "key 10"), by expiry or by last use. Labels compare by a precomputed key with `<`: the locale
 * collator costs microseconds a comparison, seconds for 100k labels. An order is sorted once
 * and then carried over to each new list: tokens whose sort key did not change keep their
 * relative order; added or changed ones are placed by binary search.
 */
import type { TokenView } from '../../shared/model';
import type { TokenSort } from '../../shared/ipc-window-channels';

type Compare = (a: number, b: number) => number;

interface KeptOrder {
  readonly list: readonly TokenView[];
  readonly order: Int32Array;
}

/** Views are immutable and replaced when they change, so a key computed once stays true. */
const labelKeys = new WeakMap<TokenView, string>();
const PLAIN = /^[\x20-\x7e]*$/;
const DIGITS = /\d+/g;

/** The label folded for sorting: lowercase, accents dropped, each number prefixed by its length. */
export function labelSortKey(label: string): string {
  let key = label.toLowerCase();
  if (!PLAIN.test(key)) key = key.normalize('NFD').replace(/\p{M}/gu, '');
  return key.replace(DIGITS, (digits) => {
    const value = digits.replace(/^0+(?=\d)/, '');
    return String.fromCharCode(0x30 + Math.min(value.length, 0xffff - 0x30)) + value;
  });
}

function keyOf(token: TokenView): string {
  let key = labelKeys.get(token);
  if (key === undefined) {
    key = labelSortKey(token.label);
    labelKeys.set(token, key);
  }
  return key;
}

const SAME_KEY: Readonly<Record<TokenSort, (a: TokenView, b: TokenView) => boolean>> = {
  label: (a, b) => a.label === b.label,
  expiry: (a, b) => a.label === b.label && a.expiresAt === b.expiresAt && a.revoked === b.revoked,
  recent: (a, b) => a.label === b.label && a.lastUsedAt === b.lastUsedAt,
};

export class TokenOrders {
  private readonly kept = new Map<TokenSort, KeptOrder>();

  /** Positions into `list` in the order `sort` asks for; every position appears exactly once. */
  order(list: readonly TokenView[], sort: TokenSort): Int32Array {
    const kept = this.kept.get(sort);
    if (kept?.list === list) return kept.order;
    const compare = this.comparator(list, sort);
    const order = kept === undefined ? fullSort(list.length, compare) : carryOver(kept, list, SAME_KEY[sort], compare);
    this.kept.set(sort, { list, order });
    return order;
  }

  private comparator(list: readonly TokenView[], sort: TokenSort): Compare {
    const byLabel: Compare = (a, b) => compareLabels(list[a] as TokenView, list[b] as TokenView);
    if (sort === 'label') return byLabel;
    // Ties (and tokens without the key, last) follow the label order.
    const rank = ranks(this.order(list, 'label'));
    const key =
      sort === 'expiry'
        ? (t: TokenView) => (t.revoked || t.expiresAt === null ? Infinity : t.expiresAt)
        : (t: TokenView) => (t.lastUsedAt === null ? Infinity : -t.lastUsedAt);
    return (a, b) => {
      const ka = key(list[a] as TokenView);
      const kb = key(list[b] as TokenView);
      return ka < kb ? -1 : ka > kb ? 1 : (rank[a] as number) - (rank[b] as number);
    };
  }
}

function compareLabels(a: TokenView, b: TokenView): number {
  const ka = keyOf(a);
  const kb = keyOf(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function ranks(order: Int32Array): Int32Array {
  const rank = new Int32Array(order.length);
  order.forEach((position, index) => (rank[position] = index));
  return rank;
}

function fullSort(length: number, compare: Compare): Int32Array {
  const positions = new Int32Array(length);
  for (let i = 0; i < length; i++) positions[i] = i;
  return positions.sort(compare);
}

/**
 * The kept order mapped onto `list`: tokens present in both with the same key keep their relative
 * order; the rest are sorted and merged in. Falls back to a full sort when most tokens changed.
 */
function carryOver(
  kept: KeptOrder,
  list: readonly TokenView[],
  sameKey: (a: TokenView, b: TokenView) => boolean,
  compare: Compare,
): Int32Array {
  if (samePositions(kept.list, list, sameKey)) return kept.order;
  const positionOf = new Map<string, number>();
  list.forEach((token, position) => positionOf.set(token.id, position));
  const placed = new Uint8Array(list.length);
  const stayed: number[] = [];
  for (const old of kept.order) {
    const before = kept.list[old] as TokenView;
    const position = positionOf.get(before.id);
    if (position === undefined || !sameKey(before, list[position] as TokenView)) continue;
    stayed.push(position);
    placed[position] = 1;
  }
  const added: number[] = [];
  placed.forEach((isPlaced, position) => {
    if (isPlaced === 0) added.push(position);
  });
  if (added.length > list.length / 4) return fullSort(list.length, compare);
  added.sort(compare);
  return insertSorted(Int32Array.from(stayed), added, compare);
}

/** Same tokens at the same positions with the same keys: the kept order still holds as it is. */
function samePositions(
  before: readonly TokenView[],
  after: readonly TokenView[],
  sameKey: (a: TokenView, b: TokenView) => boolean,
): boolean {
  if (before.length !== after.length) return false;
  for (let i = 0; i < after.length; i++) {
    const a = before[i] as TokenView;
    const b = after[i] as TokenView;
    if (a !== b && (a.id !== b.id || !sameKey(a, b))) return false;
  }
  return true;
}

/** `added` (sorted, few) placed into `stayed` (sorted) by binary search: k·log n comparisons. */
function insertSorted(stayed: Int32Array, added: readonly number[], compare: Compare): Int32Array {
  const out = new Int32Array(stayed.length + added.length);
  let from = 0;
  let at = 0;
  for (const position of added) {
    let low = from;
    let high = stayed.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(stayed[middle] as number, position) <= 0) low = middle + 1;
      else high = middle;
    }
    out.set(stayed.subarray(from, low), at);
    at += low - from;
    out[at++] = position;
    from = low;
  }
  out.set(stayed.subarray(from), at);
  return out;
}
