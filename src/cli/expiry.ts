/** Parsing `--expires`; expiry states come from lifecycle/expiry. */
import { DAY_MS, MINUTE_MS } from '../main/lifecycle/expiry';

export { DAY_MS, expiryState } from '../main/lifecycle/expiry';

/** `--expires`: an ISO-8601 date/time, or a relative `30d` / `12h` / `45m`. */
export function parseExpiry(text: string, now: number): number | null {
  const relative = /^(\d+)([dhm])$/.exec(text);
  if (relative) {
    const unit = relative[2] === 'd' ? DAY_MS : relative[2] === 'h' ? 60 * MINUTE_MS : MINUTE_MS;
    return now + Number(relative[1]) * unit;
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at;
}
