/**
 * One pass over the token list for tokens:window: what is in the view, what matches the text, how
 * many are expiring or expired, and the matching positions along the kept sort order.
 */
import type { ExpiryState, TokenView } from '../../shared/model';
import { expiryState, type LeadTimes } from '../lifecycle/expiry';

export interface Scan {
  readonly list: readonly TokenView[];
  readonly mask: Uint8Array | null;
  /** The view by where the token lives (all, a tenant, an environment). */
  readonly inPlace: (token: TokenView) => boolean;
  /** The "expiring" view: only expiring and expired tokens. */
  readonly expiringOnly: boolean;
  readonly now: number;
  readonly leadTimes: LeadTimes;
}

export interface Counts {
  inView: number;
  matched: number;
  expiring: number;
  expired: number;
}

/**
 * Counts the view and the matches; hands each match (in `positions` order) to `take`. A token's
 * expiry state is worked out only where it is needed (the expiring view, a match to count).
 */
function count(scan: Scan, positions: Iterable<number>, take: (position: number) => void): Counts {
  const counts = { inView: 0, matched: 0, expiring: 0, expired: 0 };
  for (const position of positions) {
    const token = scan.list[position] as TokenView;
    if (!scan.inPlace(token)) continue;
    let state: ExpiryState | null = null;
    if (scan.expiringOnly) {
      state = expiryState(token, scan.now, scan.leadTimes);
      if (state !== 'expiring' && state !== 'expired') continue;
    }
    counts.inView += 1;
    if (scan.mask !== null && scan.mask[position] === 0) continue;
    counts.matched += 1;
    take(position);
    state ??= expiryState(token, scan.now, scan.leadTimes);
    if (state === 'expiring') counts.expiring += 1;
    else if (state === 'expired') counts.expired += 1;
  }
  return counts;
}

/** Every match, in the kept order. */
export function scanSorted(scan: Scan, order: Int32Array): { counts: Counts; positions: Int32Array } {
  const positions = new Int32Array(order.length);
  let at = 0;
  const counts = count(scan, order, (position) => (positions[at++] = position));
  return { counts, positions };
}
