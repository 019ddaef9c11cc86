/**
 * The token list's sort orders, kept in main between queries: positions into the vault's token
 * list, sorted by label (label-order.ts), by expiry or by last use. An order is sorted once and
 * then carried over to each new list: tokens whose sort key did not change keep their relative
 * order; added or changed ones are placed by binary search.
 */
import type { TokenView } from '../../shared/model';
import type { TokenSort } from '../../shared/ipc-window-channels';
import { compareTokensByLabel } from '../vault/label-order';

type Compare = (a: number, b: number) => number;

interface KeptOrder {
  readonly list: readonly TokenView[];
  readonly order: Int32Array;
}

const SAME_KEY: Readonly<Record<TokenSort, (a: TokenView, b: TokenView) => boolean>> = {
  label: (a, b) => a.label === b.label,
  expiry: (a, b) => a.label === b.label && a.expiresAt === b.expiresAt && a.revoked === b.revoked,
  recent: (a, b) => a.label === b.label && a.lastUsedAt === b.lastUsedAt,
};

export class TokenOrders {
  private readonly kept = new Map<TokenSort, KeptOrder>();

  /** Whether an order for `sort` is kept: then `order` carries it over instead of sorting anew. */
  has(sort: TokenSort): boolean {
    return this.kept.has(sort);
  }

  /** Positions into `list` in the order `sort` asks for; every position appears exactly once. */
  order(list: readonly TokenView[], sort: TokenSort): Int32Array {
    const kept = this.kept.get(sort);
    if (kept?.list === list) return kept.order;
    // A use or an edit that leaves every sort key where it was (the common change): nothing to place.
    const order =
      kept !== undefined && samePositions(kept.list, list, SAME_KEY[sort])
        ? kept.order
        : kept === undefined
          ? fullSort(list.length, comparator(list, sort))
          : carryOver(kept, list, SAME_KEY[sort], comparator(list, sort));
    this.kept.set(sort, { list, order });
    return order;
  }
}

/**
 * The order of two positions in `list`: by the sort's key, ties (and tokens without it, last) by
 * label, then by age.
 */
export function comparator(list: readonly TokenView[], sort: TokenSort): Compare {
  const byLabel: Compare = (a, b) => compareTokensByLabel(list[a] as TokenView, list[b] as TokenView);
  if (sort === 'label') return byLabel;
  const key =
    sort === 'expiry'
      ? (t: TokenView) => (t.revoked || t.expiresAt === null ? Infinity : t.expiresAt)
      : (t: TokenView) => (t.lastUsedAt === null ? Infinity : -t.lastUsedAt);
  const values = Float64Array.from(list, key);
  return (a, b) => {
    const ka = values[a] as number;
    const kb = values[b] as number;
    return ka < kb ? -1 : ka > kb ? 1 : byLabel(a, b);
  };
}

/** A plain array sorts with a comparator several times faster than Int32Array.prototype.sort. */
function fullSort(length: number, compare: Compare): Int32Array {
  const positions = Array.from({ length }, (_, i) => i);
  return Int32Array.from(positions.sort(compare));
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
  const positionOf = positionFinder(kept.list, list);
  const placed = new Uint8Array(list.length);
  const stayed: number[] = [];
  for (const old of kept.order) {
    const before = kept.list[old] as TokenView;
    const position = positionOf(before.id, old);
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

/**
 * Where a token of the old list is in the new one. Edits and uses keep every token where it was,
 * and an added token goes to the end (the last chunk): then it is the same position, no map needed.
 */
function positionFinder(
  before: readonly TokenView[],
  after: readonly TokenView[],
): (id: string, old: number) => number | undefined {
  const shared = Math.min(before.length, after.length);
  let aligned = true;
  for (let i = 0; i < shared && aligned; i++) aligned = (before[i] as TokenView).id === (after[i] as TokenView).id;
  if (aligned) return (_id, old) => (old < after.length ? old : undefined);
  const positionOf = new Map<string, number>();
  after.forEach((token, position) => positionOf.set(token.id, position));
  return (id) => positionOf.get(id);
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
