import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sealBulk } from '../../../src/main/vault/bulk-open';
import { open, seal, tryOpen } from '../../../src/main/vault/crypto';

const SIZES = [0, 1, 15, 16, 63, 64, 65, 1000, 65_537, 1 << 20];

describe('sealing on native ChaCha20-Poly1305', () => {
  it('gives byte for byte what @noble/ciphers gives for the same key, nonce and associated data', () => {
    const key = new Uint8Array(randomBytes(32));
    const aad = new TextEncoder().encode('token_chunks/3');
    for (const size of SIZES) {
      const nonce = new Uint8Array(randomBytes(24));
      const plaintext = new Uint8Array(randomBytes(size));
      const expected = xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
      const sealed = sealBulk(key, nonce, plaintext, aad);
      expect(Buffer.compare(sealed.subarray(0, 24), nonce)).toBe(0);
      expect(Buffer.compare(sealed.subarray(24), expected)).toBe(0);
    }
    console.log(`${SIZES.length} sizes from 0 B to 1 MiB sealed identically to @noble/ciphers`);
  });

  it('round-trips through seal/open, and noble opens what seal made', () => {
    const key = new Uint8Array(randomBytes(32));
    const plaintext = new Uint8Array(randomBytes(300));
    const sealed = seal(key, plaintext, 'secrets/v1');
    expect(open(key, sealed, 'secrets/v1', 'secret v1')).toEqual(plaintext);
    const noble = xchacha20poly1305(key, sealed.subarray(0, 24), new TextEncoder().encode('secrets/v1'));
    expect(new Uint8Array(noble.decrypt(sealed.subarray(24)))).toEqual(plaintext);
  });

  it('refuses a flipped bit, the wrong associated data and the wrong key', () => {
    const key = new Uint8Array(randomBytes(32));
    const sealed = seal(key, new Uint8Array(randomBytes(40)), 'a');
    const flipped = new Uint8Array(sealed);
    flipped[30] = (flipped[30] ?? 0) ^ 1;
    expect(tryOpen(key, flipped, 'a')).toBeNull();
    expect(tryOpen(key, sealed, 'b')).toBeNull();
    expect(tryOpen(new Uint8Array(randomBytes(32)), sealed, 'a')).toBeNull();
    expect(() => open(key, flipped, 'a', 'secret x')).toThrow(/secret x is damaged/);
  });
});
