/**
 * Issue 9: `keyturn add --expires 99999999d` was stored, then `ls` and `history` failed with
 * "Unexpected internal error". `--expires` is bounded where it is read (100 years ahead at most),
 * and tables print any stored time without failing.
 */
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/main/lifecycle/expiry';
import { MAX_EXPIRY_DAYS, parseExpiry } from '../../src/cli/expiry';
import { formatTime } from '../../src/cli/output';
import { UsageError } from '../../src/cli/usage-error';

const NOW = Date.UTC(2030, 0, 1);

function refusal(text: string): string {
  try {
    parseExpiry(text, NOW);
  } catch (cause) {
    expect(cause).toBeInstanceOf(UsageError);
    return (cause as Error).message;
  }
  throw new Error(`--expires ${text} was accepted`);
}

describe('--expires', () => {
  it('reads days, hours, minutes and ISO dates', () => {
    expect(parseExpiry('30d', NOW)).toBe(NOW + 30 * DAY_MS);
    expect(parseExpiry('12h', NOW)).toBe(NOW + 12 * 3_600_000);
    expect(parseExpiry('45m', NOW)).toBe(NOW + 45 * 60_000);
    expect(parseExpiry('2031-06-30', NOW)).toBe(Date.UTC(2031, 5, 30));
    expect(parseExpiry('2020-01-01T00:00:00Z', NOW)).toBe(Date.UTC(2020, 0, 1));
    expect(parseExpiry(`${MAX_EXPIRY_DAYS}d`, NOW)).toBe(NOW + MAX_EXPIRY_DAYS * DAY_MS);
  });

  it('refuses expiries further than 100 years ahead, in every unit', () => {
    for (const text of ['99999999d', `${MAX_EXPIRY_DAYS + 1}d`, '99999999999h', '999999999999m', '9999-12-31']) {
      expect({ text, message: refusal(text) }).toEqual({
        text,
        message: '--expires must be within 36500 days (100 years) from now',
      });
    }
  });

  it('refuses what is not an expiry, naming the forms it takes', () => {
    for (const text of ['someday', '30', '30 d', '1', 'Tuesday', '-5d', '99999999999999d', '2030-13-45']) {
      expect(refusal(text)).toMatch(/^--expires must be an ISO date .* or 30d, 12h, 45m from now$/);
    }
    expect(refusal('1969-12-31')).toBe('--expires must not be before 1970');
  });
});

describe('times in tables', () => {
  it('prints a stored time to the second, and one no date can show without failing', () => {
    expect(formatTime(null)).toBe('-');
    expect(formatTime(Date.UTC(2030, 0, 1, 12, 30, 15, 999))).toBe('2030-01-01T12:30:15Z');
    expect(formatTime(Date.now() + 99_999_999 * DAY_MS)).toBe('out of range');
  });
});
