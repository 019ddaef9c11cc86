import { describe, expect, it } from 'vitest';
import { digestOf, holdsDigest } from '../../src/cli/clipboard-tool';

describe('the clipboard clearer digest', () => {
  it('recognises the copied value, also with a trailing newline added by the tool, without holding it', () => {
    const secret = 'sat_live_0123456789abcdef';
    const digest = digestOf(secret);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toContain(secret);
    expect(holdsDigest(secret, digest)).toBe(true);
    expect(holdsDigest(`${secret}\n`, digest)).toBe(true);
    expect(holdsDigest(`${secret}\r\n`, digest)).toBe(true);
  });

  it('leaves anything else alone: another value, an empty or unreadable clipboard', () => {
    const digest = digestOf('sat_live_0123456789abcdef');
    expect(holdsDigest('sat_live_0123456789abcdeF', digest)).toBe(false);
    expect(holdsDigest('', digest)).toBe(false);
    expect(holdsDigest(null, digest)).toBe(false);
  });
});
