import { describe, expect, it } from 'vitest';
import fc from 'fast-check';

import { redact } from '../../../src/main/providers/redact';
import { makeJwt } from './jwt-fixtures';

describe('redaction', () => {
  it('removes Authorization header values', () => {
    expect(redact('authorization: Bearer opaque123')).not.toContain('opaque123');
    expect(redact('{"Authorization":"Token abc.def"}')).not.toContain('abc.def');
  });

  it('removes JWTs and provider-prefixed tokens', () => {
    const jwt = makeJwt({ sub: 'someone', exp: 1 });
    const text = `got ${jwt} and sat_live_abcdef123 and sat_test_zzz999 and syft_pat_${'q'.repeat(43)} and st_abcdefgh12`;
    const out = redact(text);
    for (const secret of [jwt, 'sat_live_abcdef123', 'sat_test_zzz999', 'syft_pat_', 'st_abcdefgh12'])
      expect(out).not.toContain(secret);
  });

  it('removes long base64url and hex runs but keeps UUIDs readable', () => {
    const hex = 'a1'.repeat(20);
    const id = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
    const out = redact(`key ${hex} for token ${id}`);
    expect(out).not.toContain(hex);
    expect(out).toContain(id);
  });

  it('removes the known secrets passed by the caller, also URL- and JSON-encoded', () => {
    const password = 'p@ss "word"/1';
    const out = redact(`form password=${encodeURIComponent(password)} json ${JSON.stringify({ pw: password })}`, [
      password,
    ]);
    expect(out).not.toContain(encodeURIComponent(password));
    expect(out).not.toContain(JSON.stringify(password).slice(1, -1));
  });

  it('removes values of secret-named fields', () => {
    expect(redact('{"password":"short1","refresh_token":"r1"}')).not.toMatch(/short1|r1"/);
  });

  it('never leaves a known secret in any surrounding text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4, maxLength: 40 }), fc.string(), fc.string(), (secret, before, after) => {
        expect(redact(`${before}${secret}${after}`, [secret])).not.toContain(secret);
      }),
      { numRuns: 2000 },
    );
  });
});
