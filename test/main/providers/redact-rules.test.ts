/**
 * Each redaction rule on its own, with exact outputs: which text goes, which stays, and where a
 * match ends. Values are kept short (under 32 characters) so the long-run rule does not hide
 * whether the rule under test fired.
 */
import { describe, expect, it } from 'vitest';
import { REDACTED as R, redact } from '../../../src/main/providers/redact';

describe('redaction of known secrets', () => {
  it('searches for secrets of 4 characters or more, never shorter ones', () => {
    expect(redact('pin 123 and code abcd', ['123', 'abcd'])).toBe(`pin 123 and code ${R}`);
  });

  it('replaces the longest secret first, so a shorter one inside it leaves no tail behind', () => {
    expect(redact('x hunter22-extra y', ['hunter22', 'hunter22-extra'])).toBe(`x ${R} y`);
  });

  it('replaces every occurrence, plain, URL-encoded and JSON-encoded, with the marker', () => {
    const secret = 'p@ss "w"/1';
    const url = encodeURIComponent(secret);
    const json = JSON.stringify(secret);
    const text = `a=${secret} b=${url} c=${json} d=${secret} e=${url} f=${json}`;
    expect(redact(text, [secret])).toBe(
      'a=[REDACTED] b=[REDACTED] c="[REDACTED]" d=[REDACTED] e=[REDACTED] f="[REDACTED]"',
    );
  });

  it('does not search again for a secret whose URL and JSON forms are the secret itself', () => {
    // The marker holds "DACT": a second search for the same text would cut into the marker.
    expect(redact('code DACT here', ['DACT'])).toBe(`code ${R} here`);
  });

  it('treats regular-expression characters in a secret literally', () => {
    for (const c of ['.', '*', '+', '?', '^', '$', '(', ')', '|', '[', '\\']) {
      const secret = `ab${c}cd`;
      const text = `${secret} / abcd / abXcd / ab${c}`;
      expect({ c, out: redact(text, [secret]) }).toEqual({ c, out: `${R} / abcd / abXcd / ab${c}` });
    }
  });
});

describe('redaction of token-shaped text', () => {
  it('removes an Authorization value with or without its scheme, quoted or not', () => {
    expect(redact('authorization: Bearer abc')).toBe(`authorization: ${R}`);
    expect(redact('Authorization=Basic abc rest')).toBe(`Authorization=${R} rest`);
    expect(redact('{"authorization":"Token abc.def"}')).toBe(`{"authorization":"${R}"}`);
    expect(redact("'Authorization': 'abc'")).toBe(`'Authorization': '${R}'`);
    expect(redact('authorization:abc next')).toBe(`authorization:${R} next`);
    // The whole credential, up to a space, quote, comma or semicolon (not just to a '&' or '}').
    expect(redact('authorization: abc&def}x next')).toBe(`authorization: ${R} next`);
    expect(redact('authorization:abc&def next')).toBe(`authorization:${R} next`);
    expect(redact('authorization: Bearer abc&def next')).toBe(`authorization: ${R} next`);
    expect(redact('Authorization : Bearer abc&def')).toBe(`Authorization : ${R}`);
  });

  it('removes JWT-shaped values, even with an empty signature', () => {
    expect(redact('jwt eyJhb.eyJzd.sig end')).toBe(`jwt ${R} end`);
    expect(redact('jwt eyJ.x. end')).toBe(`jwt ${R} end`);
    expect(redact('not eyJ.. a jwt')).toBe('not eyJ.. a jwt');
  });

  it('removes provider-prefixed tokens', () => {
    expect(redact('a sat_live_x1 b sat_test_y2 c syft_pat_z3 d')).toBe(`a ${R} b ${R} c ${R} d`);
    expect(redact('st_abcdef and st_abcde')).toBe(`${R} and st_abcde`);
  });

  it('removes the values of secret-named fields up to their end, and keeps the names', () => {
    const names = [
      'password',
      'passwd',
      'secret',
      'token',
      'access_token',
      'refresh_token',
      'token_access',
      'api_key',
      'apikey',
      'key',
      'data',
    ];
    for (const name of names) {
      expect({ name, out: redact(`${name}=v4lue&next=1`) }).toEqual({ name, out: `${name}=${R}&next=1` });
      expect({ name, out: redact(`{"${name}": "v4lue","x":1}`) }).toEqual({ name, out: `{"${name}": "${R}","x":1}` });
    }
    expect(redact("{'Password':'v4lue'} key: v4lue, done")).toBe(`{'Password':'${R}'} key: ${R}, done`);
    expect(redact('{secret:v4lue}')).toBe(`{secret:${R}}`);
  });

  it('removes runs of 32 or more token characters, except UUIDs', () => {
    const run31 = 'a'.repeat(31);
    const run32 = 'b'.repeat(32);
    expect(redact(`${run31} ${run32}`)).toBe(`${run31} ${R}`);
    const uuid = '1B4E28BA-2FA1-11D2-883F-0016D3CCA427';
    expect(redact(`id ${uuid} and ${uuid.toLowerCase()}`)).toBe(`id ${uuid} and ${uuid.toLowerCase()}`);
    expect(redact(`id ${uuid}0`)).toBe(`id ${R}`);
    expect(redact(`id x${uuid}`)).toBe(`id ${R}`);
  });
});
