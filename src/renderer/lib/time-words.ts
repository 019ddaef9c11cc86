/** Times in words: "in 3 days · Dec 3, 2026", "2 hours ago". */
const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
const DATE = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });
const DATE_TIME = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function relativeWords(at: number, now = Date.now()): string {
  const delta = at - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size) return RELATIVE.format(Math.round(delta / size), unit);
  }
  return delta >= 0 ? 'in less than a minute' : 'just now';
}

export function dateWords(at: number): string {
  return DATE.format(at);
}

export function dateTimeWords(at: number): string {
  return DATE_TIME.format(at);
}

/** "in 3 days · Dec 3, 2026" */
export function whenWords(at: number, now = Date.now()): string {
  return `${relativeWords(at, now)} · ${dateWords(at)}`;
}

/** An epoch time as the value of an <input type="date"> (local day), or ''. */
export function toDateInput(at: number | null): string {
  if (at === null) return '';
  const date = new Date(at);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** An <input type="date"> value as the end of that local day, or null when empty or invalid. */
export function fromDateInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return null;
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 0).getTime();
  return Number.isFinite(at) ? at : null;
}
