/**
 * One pass over the token list for tokens:window: what is in the view, what matches the text, how
 * many are expiring or expired, and the matching positions along the kept sort order.
 */
import type { TokenView } from '../../shared/model';
import type { LeadTimes } from '../lifecycle/expiry';
import { EXPIRED, EXPIRING, NOT_DUE } from './expiry-states';

export interface Scan {
  readonly list: readonly TokenView[];
  readonly mask: Uint8Array | null;
  /** The view by where the token lives (a tenant, an environment); null for every token. */
  readonly inPlace: ((token: TokenView) => boolean) | null;
  /** The "expiring" view: only expiring and expired tokens. */
  readonly expiringOnly: boolean;
  readonly now: number;
  readonly leadTimes: LeadTimes;
  /** Each token's expiry state at `now`, by position (expiry-states.ts). */
  readonly states: Uint8Array;
}

export interface Counts {
  inView: number;
  matched: number;
  expiring: number;
  expired: number;
}

/**
 * Every match, in the kept order, with the view's counts. Expiry states are read from the scan's
 * bytes: a plain loop over the order (100k positions), no call per token unless the view is a
 * tenant or an environment.
 */
export function scanSorted(scan: Scan, order: Int32Array): { counts: Counts; positions: Int32Array } {
  const positions = new Int32Array(order.length);
  const { list, mask, inPlace, expiringOnly, states } = scan;
  // Locals only (counters, the state codes): this loop runs once per token on every keystroke.
  const [notDue, isExpiring, isExpired] = [NOT_DUE, EXPIRING, EXPIRED];
  let inView = 0;
  let matched = 0;
  let expiring = 0;
  let expired = 0;
  for (let i = 0; i < order.length; i++) {
    const position = order[i] as number;
    if (inPlace !== null && !inPlace(list[position] as TokenView)) continue;
    const state = states[position];
    if (expiringOnly && state === notDue) continue;
    inView += 1;
    if (mask !== null && mask[position] === 0) continue;
    positions[matched++] = position;
    if (state === isExpiring) expiring += 1;
    else if (state === isExpired) expired += 1;
  }
  return { counts: { inView, matched, expiring, expired }, positions };
}
