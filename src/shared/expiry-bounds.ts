/**
 * The range of expiries Keyturn stores. Every stored time must print as an ISO-8601 date (four-digit
 * years): `--expires 99999999d` was stored, then `ls` and `history` failed on it.
 */
export const LATEST_EXPIRY_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export const EXPIRY_TOO_LATE = 'The expiry must be no later than the year 9999';
