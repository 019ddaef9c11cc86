/**
 * The first-screen record moved along with a write, from what the writer took out of its chunks
 * and put in (ChunkChange.removed/added), so a write by any process (the CLI included) leaves a
 * current record without decoding the list.
 *
 * Exact or nothing: the groups are counted as multisets (what was there, plus what was put in,
 * minus what was taken out; a token taken out that the record does not count means the record
 * is not what it claims, and no record comes out). The rows stay the first rows of the label
 * order: a token taken out leaves them (one it does not hold sorted after them all); a token put
 * in joins them when it sorts before their last one, or when they hold the whole list, and the
 * last row falls off past FIRST_SCREEN_ROWS. After removals they may hold fewer rows than a page:
 * the reader then answers from the list (api/first-screen.ts), and the app's renewal fills them.
 */
import type { TokenView } from '../../shared/model';
import type { FactGroup, FirstScreenRecord, TokenFacts } from './first-screen-codec';
import { compareTokensByLabel, labelCollation } from './label-order';

/** Rows the record holds: the window's first query asks for 100 (40 shown and a margin). */
export const FIRST_SCREEN_ROWS = 200;

/** Which sort and collation the record's rows are in, and how many it holds. */
export function firstScreenTag(): string {
  return `label/${labelCollation()}/${FIRST_SCREEN_ROWS}`;
}

/** What a write took out of the list, as it was, and put in, in the order it happened. */
export interface TokenDelta {
  readonly removed: readonly TokenView[];
  readonly added: readonly TokenView[];
}

interface GroupEdit {
  readonly environmentId: string;
  readonly kind: TokenFacts['kind'];
  readonly group: FactGroup | undefined;
  revoked: number;
  noExpiry: number;
  readonly added: number[];
  readonly removed: number[];
}

/** The record's groups and rows after `deltas`, or null when it cannot be moved exactly. */
export function applyTokenDeltas(
  record: FirstScreenRecord,
  deltas: readonly TokenDelta[],
): Pick<FirstScreenRecord, 'groups' | 'rows'> | null {
  if (record.tag !== firstScreenTag()) return null;
  const groups = applyToGroups(record.groups, deltas);
  if (groups === null) return null;
  return { groups, rows: applyToRows(record.rows, countOf(record.groups), deltas) };
}

/** Whether the record holds as many rows as a renewal from the whole list would. */
export function holdsAllRows(record: FirstScreenRecord): boolean {
  return record.rows.length === Math.min(FIRST_SCREEN_ROWS, countOf(record.groups));
}

function countOf(groups: readonly FactGroup[]): number {
  return groups.reduce((sum, g) => sum + g.revoked + g.noExpiry + g.expiries.length, 0);
}

/** Edited groups keep their place, emptied ones go, new ones come last (the order is never read for an answer). */
function applyToGroups(groups: readonly FactGroup[], deltas: readonly TokenDelta[]): FactGroup[] | null {
  const edits = new Map<string, GroupEdit>();
  const editOf = (t: TokenFacts): GroupEdit => {
    const key = `${t.kind}\u0000${t.environmentId}`;
    let edit = edits.get(key);
    if (edit === undefined) {
      const group = groups.find((g) => g.environmentId === t.environmentId && g.kind === t.kind);
      const [revoked, noExpiry] = [group?.revoked ?? 0, group?.noExpiry ?? 0];
      edit = { environmentId: t.environmentId, kind: t.kind, group, revoked, noExpiry, added: [], removed: [] };
      edits.set(key, edit);
    }
    return edit;
  };
  for (const delta of deltas) {
    for (const t of delta.removed) count(editOf(t), t, -1);
    for (const t of delta.added) count(editOf(t), t, 1);
  }
  const replaced = new Map<FactGroup, FactGroup | null>();
  const appended: FactGroup[] = [];
  for (const edit of edits.values()) {
    const expiries = editedExpiries(edit);
    if (expiries === null || edit.revoked < 0 || edit.noExpiry < 0) return null;
    const { environmentId, kind, revoked, noExpiry } = edit;
    const next =
      revoked + noExpiry + expiries.length === 0 ? null : { environmentId, kind, revoked, noExpiry, expiries };
    if (edit.group !== undefined) replaced.set(edit.group, next);
    else if (next !== null) appended.push(next);
  }
  const kept = groups.map((g) => (replaced.has(g) ? (replaced.get(g) ?? null) : g));
  return [...kept.filter((g): g is FactGroup => g !== null), ...appended];
}

function count(edit: GroupEdit, t: TokenFacts, sign: 1 | -1): void {
  if (t.revoked) edit.revoked += sign;
  else if (t.expiresAt === null) edit.noExpiry += sign;
  else (sign > 0 ? edit.added : edit.removed).push(t.expiresAt);
}

/**
 * The group's expiry times plus those put in minus those taken out (a multiset, sorted), or
 * null when a time taken out is not there.
 */
function editedExpiries(edit: GroupEdit): Float64Array | null {
  const base = edit.group?.expiries ?? new Float64Array(0);
  if (edit.added.length === 0 && edit.removed.length === 0) return base;
  const added = Float64Array.from(edit.added).sort();
  const removed = Float64Array.from(edit.removed).sort();
  // A time put in and taken out in the same write (an edit that kept it) cancels first.
  const [addOnly, removeOnly] = withoutCommon(added, removed);
  const [kept, missing] = withoutCommon(base, removeOnly);
  if (missing.length > 0) return null;
  return merged(kept, addOnly);
}

/** Both sorted: each without the values they share (counted with multiplicity). */
function withoutCommon(a: Float64Array, b: Float64Array): [Float64Array, Float64Array] {
  const onlyA: number[] = [];
  const onlyB: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Infinity;
    const y = j < b.length ? (b[j] as number) : Infinity;
    if (i < a.length && j < b.length && x === y) [i, j] = [i + 1, j + 1];
    else if (j >= b.length || (i < a.length && x < y)) onlyA.push(a[i++] as number);
    else onlyB.push(b[j++] as number);
  }
  return [Float64Array.from(onlyA), Float64Array.from(onlyB)];
}

function merged(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return b.length === 0 ? out : out.sort();
}

/**
 * The rows after each delta in turn; `total` is how many tokens the list held before. A removed
 * token the rows do not hold sorted after all of them (they are the first of the order).
 */
function applyToRows(rows: readonly TokenView[], total: number, deltas: readonly TokenDelta[]): TokenView[] {
  const out = [...rows];
  let size = total;
  for (const delta of deltas) {
    for (const t of delta.removed) {
      const at = out.findIndex((row) => row.id === t.id);
      if (at >= 0) out.splice(at, 1);
      size -= 1;
    }
    for (const t of delta.added) {
      const last = out[out.length - 1];
      const holdsAll = out.length === size;
      size += 1;
      if (!holdsAll && (last === undefined || compareTokensByLabel(t, last) > 0)) continue;
      out.splice(insertionPoint(out, t), 0, t);
      if (out.length > FIRST_SCREEN_ROWS) out.pop();
    }
  }
  return out;
}

function insertionPoint(rows: readonly TokenView[], t: TokenView): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareTokensByLabel(rows[middle] as TokenView, t) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
