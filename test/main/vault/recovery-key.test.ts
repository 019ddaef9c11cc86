/**
 * The recovery key's text form is RFC 4648 base32 (no padding) in dash-separated groups of four.
 * A key printed at creation must parse in every later version, so the form is pinned with
 * vectors computed by another base32 implementation (Python's base64.b32encode).
 */
import { describe, expect, it } from 'vitest';
import { formatRecoveryKey, parseRecoveryKey } from '../../../src/main/vault/recovery-key';
import { thrownCode } from '../../support/thrown-code';

const VECTORS: readonly (readonly [string, string])[] = [
  [
    '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
    'AAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPQ',
  ],
  ['ff'.repeat(32), '7'.repeat(51) + 'Q'],
  [
    '9b3e018000254a6f94b9de03284d7297bce1062b50759abfe4092e53789dc2e7',
    'TM7ADAAAEVFG7FFZ3YBSQTLSS66OCBRLKB2ZVP7EBEXFG6E5YLTQ',
  ],
];

const grouped = (base32: string): string => (base32.match(/.{1,4}/g) ?? []).join('-');

describe('the recovery key text', () => {
  it.each(VECTORS)('formats %s as RFC 4648 base32 in groups of four', (hex, base32) => {
    expect(formatRecoveryKey(Buffer.from(hex, 'hex'))).toBe(grouped(base32));
  });

  it.each(VECTORS)('parses the base32 of %s back, in any case, with spaces or dashes', (hex, base32) => {
    const bytes = new Uint8Array(Buffer.from(hex, 'hex'));
    expect(parseRecoveryKey(grouped(base32))).toEqual(bytes);
    expect(parseRecoveryKey(base32.toLowerCase())).toEqual(bytes);
    expect(parseRecoveryKey(` ${grouped(base32).replaceAll('-', ' \t')} `)).toEqual(bytes);
  });

  it('formats any length as base32, with no padding and no empty group', () => {
    const format = (hex: string): string => formatRecoveryKey(Buffer.from(hex, 'hex'));
    expect([format(''), format('ff'), format('00010203'), format('68656c6c6f')]).toEqual([
      '',
      '74',
      'AAAQ-EAY',
      'NBSW-Y3DP',
    ]);
  });

  it('refuses a key of the wrong length or with characters outside A–Z and 2–7', () => {
    const good = VECTORS[0]?.[1] ?? '';
    for (const text of [good.slice(1), `${good}A`, `${good.slice(1)}1`, `${good.slice(1)}8`, `${good.slice(1)}=`, '']) {
      expect({ text, code: thrownCode(() => parseRecoveryKey(text)) }).toEqual({ text, code: 'INVALID_INPUT' });
    }
    expect(() => parseRecoveryKey(`${good.slice(1)}!`)).toThrow(
      'The recovery key is not in the expected format: groups of the letters A–Z and the digits 2–7.',
    );
  });
});
