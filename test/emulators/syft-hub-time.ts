/**
 * SyftHub's timestamps as its API prints them. Its columns are `DateTime(timezone=True)`, but on
 * its default SQLite database the offset is not stored: what comes back is the UTC wall clock
 * with no offset (`2026-12-01T21:35:36.046000`), microseconds printed only when not zero, as
 * pydantic does. On Postgres the offset survives and pydantic prints UTC as `Z`.
 */
export type SyftHubDatabase = 'sqlite' | 'postgres';

export function hubTime(ms: number | null, database: SyftHubDatabase): string | null {
  if (ms === null) return null;
  const iso = new Date(ms).toISOString(); // 2026-12-01T21:35:36.046Z
  const wall = iso.slice(0, 19);
  const millis = iso.slice(20, 23);
  const fraction = millis === '000' ? '' : `.${millis}000`;
  return `${wall}${fraction}${database === 'sqlite' ? '' : 'Z'}`;
}

/**
 * A datetime as pydantic reads one from a request: ISO 8601 with or without an offset (the
 * server treats one without an offset as UTC), or epoch seconds. NaN when unreadable.
 */
export function readHubTime(value: string | number): number {
  if (typeof value === 'number') return value * 1000;
  const naive = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value);
  return Date.parse(naive ? `${value.replace(' ', 'T')}Z` : value);
}
