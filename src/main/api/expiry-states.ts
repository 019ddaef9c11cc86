/**
 * Every token's expiry state as one byte, kept between the window's queries: the counts of
 * expiring and expired matches (and the "Expiring soon" view) read it instead of working out
 * each match's state on every keystroke (100k calls at 100k tokens). A state changes only when
 * the clock passes a token's expiry or the start of its lead time, so the bytes hold until the
 * earliest such moment, for the same list and lead times.
 */
import type { TokenView } from '../../shared/model';
import { expiryState, type LeadTimes } from '../lifecycle/expiry';

export const NOT_DUE = 0;
export const EXPIRING = 1;
export const EXPIRED = 2;

export interface ExpiryStates {
  readonly list: readonly TokenView[];
  readonly leadTimes: LeadTimes;
  /** The clock when the bytes were made; they hold for `from <= now < until`. */
  readonly from: number;
  readonly until: number;
  /** NOT_DUE, EXPIRING or EXPIRED, by position in `list`. */
  readonly codes: Uint8Array;
}

/** The kept states when they still hold at `now`, else new ones. */
export function expiryStatesAt(
  kept: ExpiryStates | null,
  list: readonly TokenView[],
  now: number,
  leadTimes: LeadTimes,
): ExpiryStates {
  if (kept !== null && kept.list === list && sameLeadTimes(kept.leadTimes, leadTimes)) {
    if (kept.from <= now && now < kept.until) return kept;
  }
  const codes = new Uint8Array(list.length);
  let until = Number.POSITIVE_INFINITY;
  list.forEach((token, position) => {
    const state = expiryState(token, now, leadTimes);
    if (state === 'expired') codes[position] = EXPIRED;
    else if (state === 'expiring') codes[position] = EXPIRING;
    // A revoked token, one with no expiry or one already expired stays as it is.
    if (state === 'expiring' && token.expiresAt !== null) until = Math.min(until, token.expiresAt);
    if (state === 'fresh' && token.expiresAt !== null) until = Math.min(until, token.expiresAt - leadTimes[token.kind]);
  });
  return { list, leadTimes, from: now, until, codes };
}

function sameLeadTimes(a: LeadTimes, b: LeadTimes): boolean {
  if (a === b) return true;
  const kinds = Object.keys(a) as (keyof LeadTimes)[];
  return kinds.length === Object.keys(b).length && kinds.every((kind) => a[kind] === b[kind]);
}
