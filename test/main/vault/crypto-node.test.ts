import fc from 'fast-check';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { deriveKey, mac, macText } from '../../../src/main/vault/crypto';

const bytes = fc.uint8Array({ minLength: 0, maxLength: 96 });

describe('HKDF and HMAC on node:crypto', () => {
  it('derive the same keys as @noble/hashes, with and without a salt', () => {
    let runs = 0;
    fc.assert(
      fc.property(bytes, fc.option(bytes, { nil: undefined }), fc.string({ maxLength: 40 }), (ikm, salt, info) => {
        runs += 1;
        const expected = hkdf(sha256, ikm, salt, new TextEncoder().encode(info), 32);
        expect(deriveKey(ikm, salt, info)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    console.log(`${runs} HKDF inputs identical to @noble/hashes`);
  });

  it('compute the same MACs as @noble/hashes, for bytes and text', () => {
    fc.assert(
      fc.property(bytes, bytes, fc.string({ maxLength: 60 }), (key, data, text) => {
        expect(mac(key, data)).toEqual(hmac(sha256, key, data));
        expect(macText(key, text)).toEqual(hmac(sha256, key, new TextEncoder().encode(text)));
        expect(mac(key, data)).toBeInstanceOf(Uint8Array);
      }),
      { numRuns: 300 },
    );
  });
});
