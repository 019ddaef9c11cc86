/**
 * The window's first screen after unlock without decrypting the whole token list: the sidebar's
 * counts and the first rows of "All tokens" by label come from the vault's sealed first-screen
 * record (vault/first-screen.ts; its parts checked against the chunks on disk, stale chunks
 * decrypted alone and patched in), and the list is decrypted on idle turns after that answer. At
 * 100k tokens decrypting and decoding the list is ~330 ms of main's CPU; the record is a few ms
 * (bench/README.md).
 *
 * Exact by construction: the counts are worked out from the record's expiry times with the same
 * rules as from the list (expiry states at this moment, these lead times), and the rows are those the
 * label order puts first, written from the whole list with this collation (the tag), moved along
 * by every write and patched for chunks changed outside it (vault/first-screen-delta.ts), and
 * renewed on an idle turn after the list changes. Anything the record cannot answer exactly
 * (another view, a search, another sort, rows past those it holds) is answered from the list.
 */
import type { ParsedInput } from '../../shared/ipc';
import type { TokenView } from '../../shared/model';
import type { OutlineCounts, TokenWindow } from '../../shared/window-views';
import type { LeadTimes } from '../lifecycle/expiry';
import type { FactGroup, FirstScreenRecord } from '../vault/first-screen-codec';
import type { Vault } from '../vault/types';
import type { AppContext } from './context';
import { FIRST_SCREEN_ROWS, firstScreenTag } from '../vault/first-screen-delta';
import { normaliseNeedle } from './match-ranges';
import { toRow, type Names } from './token-row';
import { leadTimesFor } from './window-settings';

export { FIRST_SCREEN_ROWS, firstScreenTag } from '../vault/first-screen-delta';

/** The record while the list is not decrypted yet (its rows may be empty: then the list answers); else null. */
export function currentFirstScreen(vault: Vault): FirstScreenRecord | null {
  return vault.isTokenListLoaded() ? null : vault.firstScreen(firstScreenTag());
}

/**
 * One group's counts at `now`: what expiryState gives each of its tokens, counted by two binary
 * searches over the sorted expiry times (expired, then expired or expiring, are both a prefix).
 */
export function groupCounts(group: FactGroup, now: number, leadTimes: LeadTimes): OutlineCounts {
  const lead = leadTimes[group.kind];
  const expired = prefixWhere(group.expiries, (at) => now >= at);
  const due = prefixWhere(group.expiries, (at) => now >= at || at - now <= lead);
  return { tokens: group.noExpiry + group.expiries.length, expiring: due - expired, expired, revoked: group.revoked };
}

/** How many of `sorted` (ascending) from the start satisfy `holds`, which holds for a prefix. */
function prefixWhere(sorted: Float64Array, holds: (at: number) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (holds(sorted[middle] as number)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * tokens:window from the record, or null when the record cannot answer this query exactly;
 * `describes`: the chunk revisions and names behind it (another value: the tokens or names changed).
 */
export function answerFromFirstScreen(
  vault: Vault,
  input: ParsedInput<'tokens:window'>,
  context: AppContext,
  names: Names,
): { readonly window: Omit<TokenWindow, 'revision'>; readonly describes: string } | null {
  if (input.view.kind !== 'all' || input.sort !== 'label' || normaliseNeedle(input.text) !== '') return null;
  const record = currentFirstScreen(vault);
  if (record === null) return null;
  const now = context.clock.now();
  const leadTimes = leadTimesFor(context, vault);
  const matched = record.groups.reduce((sum, g) => sum + g.revoked + g.noExpiry + g.expiries.length, 0);
  const offset = input.offset < matched ? input.offset : Math.max(0, matched - input.limit);
  const end = Math.min(matched, offset + input.limit);
  if (end > record.rows.length) return null;
  let expiring = 0;
  let expired = 0;
  for (const group of record.groups) {
    const counts = groupCounts(group, now, leadTimes);
    expiring += counts.expiring;
    expired += counts.expired;
  }
  const rows = record.rows.slice(offset, end).map((token) => toRow(token, names, '', now, leadTimes));
  const describes = `${names.key}\u0000${record.chunks.map((c) => `${c.id}:${c.rev}`).join(',')}`;
  return { window: { inView: matched, matched, expiring, expired, offset, rows }, describes };
}

/** The first rows for a renewed record: `order` is the label order of `list`. */
export function firstScreenRows(list: readonly TokenView[], order: Int32Array): TokenView[] {
  return Array.from(order.subarray(0, FIRST_SCREEN_ROWS), (position) => list[position] as TokenView);
}
