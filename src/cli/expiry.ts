/** Parsing `--expires`: an ISO-8601 date/time, or a count of days, hours or minutes from now. */
import { DAY_MS, MINUTE_MS } from '../main/lifecycle/expiry';
import { UsageError } from './usage-error';

/** Further ahead than this is a typo, not an expiry (`99999999d` was stored, then unprintable). */
export const MAX_EXPIRY_DAYS = 36_500;
export const EXPIRES_FORMS = 'an ISO date (2030-12-31 or 2030-12-31T18:00:00Z) or 30d, 12h, 45m from now';

const UNIT_MS: Readonly<Record<string, number>> = { d: DAY_MS, h: 60 * MINUTE_MS, m: MINUTE_MS };

/** The expiry `--expires TEXT` names, as epoch ms; a UsageError (exit 2) when it is not one. */
export function parseExpiry(text: string, now: number): number {
  const relative = /^(\d{1,12})([dhm])$/.exec(text);
  const at = relative ? now + Number(relative[1]) * (UNIT_MS[relative[2] ?? ''] ?? DAY_MS) : parseDate(text);
  if (at === null) throw new UsageError(`--expires must be ${EXPIRES_FORMS}`);
  if (at < 0) throw new UsageError('--expires must not be before 1970');
  if (at > now + MAX_EXPIRY_DAYS * DAY_MS)
    throw new UsageError(`--expires must be within ${MAX_EXPIRY_DAYS} days (100 years) from now`);
  return at;
}

function parseDate(text: string): number | null {
  // Date.parse also reads "1" or "Tuesday 5"; an expiry starts with a four-digit year.
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at;
}
