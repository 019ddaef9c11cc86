/**
 * Credentials in the shapes errors and logs carry them, one pattern at a time: a bare
 * `Bearer <token>` in an error string has no `Authorization:` before it, and a short opaque token
 * matches neither a token prefix nor the long-run rule, so only the bearer pattern removes it.
 */
import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from '../../../src/main/providers/redact';

describe('redaction of bare credentials', () => {
  it('removes a bare bearer token from an error string and keeps the scheme readable', () => {
    expect(redact('fetch failed: Bearer opaque123 was refused')).toBe(`fetch failed: Bearer ${REDACTED} was refused`);
    expect(redact('retry with bearer   opaque123')).toBe(`retry with bearer   ${REDACTED}`);
    expect(redact('"Bearer opaque123"')).toBe(`"Bearer ${REDACTED}"`);
  });

  it('removes a bare bearer token up to the next separator only', () => {
    expect(redact('Bearer opaque123, then Bearer other456; done')).toBe(
      `Bearer ${REDACTED}, then Bearer ${REDACTED}; done`,
    );
  });

  it('keeps the header name and removes the whole credential of an Authorization header', () => {
    expect(redact('authorization: Bearer opaque123')).toBe(`authorization: ${REDACTED}`);
    expect(redact('Authorization=Basic dXNlcjpwdw==')).toBe(`Authorization=${REDACTED}`);
  });

  it('leaves text without credentials as it was', () => {
    const text = 'Satori answered 404: No tenant 7 (check the tenant id)';
    expect(redact(text)).toBe(text);
  });
});
