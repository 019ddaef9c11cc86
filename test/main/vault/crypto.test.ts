/**
 * HKDF and HMAC moved from @noble/hashes to node:crypto: every vault ever written derived its
 * purpose keys, blind tags and audit MACs with @noble, so node:crypto must give the same bytes.
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveKey, KEY_BYTES, mac, macText } from '../../../src/main/vault/crypto';
import { blindTag, derivePurposeKeys } from '../../../src/main/vault/keys';

const bytes = (max: number) => fc.uint8Array({ minLength: 0, maxLength: max });

describe('HKDF and HMAC on node:crypto', () => {
  it('derive the same keys as @noble/hashes, with and without salt', () => {
    let runs = 0;
    fc.assert(
      fc.property(
        bytes(96),
        fc.option(bytes(64), { nil: undefined }),
        fc.string({ maxLength: 80 }),
        (ikm, salt, info) => {
          runs++;
          const expected = hkdf(sha256, ikm, salt, new TextEncoder().encode(info), KEY_BYTES);
          expect(deriveKey(ikm, salt, info)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
    console.log(`${runs} HKDF inputs, all equal to @noble/hashes`);
  });

  it('compute the same MACs as @noble/hashes, for bytes and text', () => {
    fc.assert(
      fc.property(bytes(80), bytes(300), fc.string({ maxLength: 120 }), (key, data, text) => {
        expect(mac(key, data)).toEqual(hmac(sha256, key, data));
        expect(macText(key, text)).toEqual(hmac(sha256, key, new TextEncoder().encode(text)));
      }),
      { numRuns: 500 },
    );
  });

  it('give a vault key the purpose keys and blind tags @noble gave it', () => {
    const vaultKey = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    const keys = derivePurposeKeys(vaultKey);
    const noble = (info: string) => hkdf(sha256, vaultKey, undefined, new TextEncoder().encode(info), 32);
    expect(keys.records).toEqual(noble('keyturn/v1/records'));
    expect(keys.index).toEqual(noble('keyturn/v1/blind-index'));
    expect(keys.audit).toEqual(noble('keyturn/v1/audit-mac'));
    const tag = hmac(sha256, keys.index, new TextEncoder().encode('token\u0000env-1\u0000api key'));
    expect(blindTag(keys.index, 'token', 'env-1', '  API Key ')).toBe(Buffer.from(tag).toString('base64url'));
  });
});
