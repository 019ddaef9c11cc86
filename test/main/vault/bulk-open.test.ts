import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getCiphers } from 'node:crypto';
import { BULK_OPEN_PATH, openBulk, type BulkOpenPath } from '../../../src/main/vault/bulk-open';

function sealWithNoble(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  const nonce = new Uint8Array(randomBytes(24));
  const body = xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
  const out = new Uint8Array(24 + body.length);
  out.set(nonce);
  out.set(body, 24);
  return out;
}

const PATHS: readonly BulkOpenPath[] = ['native', 'noble'];

describe('the bulk-open path', () => {
  it("is native only where the runtime's crypto has chacha20-poly1305 (not Electron's BoringSSL)", () => {
    const hasNative = getCiphers().includes('chacha20-poly1305') && process.env['KEYTURN_BULK_OPEN'] !== 'noble';
    expect(BULK_OPEN_PATH).toBe(hasNative ? 'native' : 'noble');
  });
});

describe.each(PATHS)('openBulk on the %s path', (path) => {
  it('opens what @noble/ciphers sealed, for sizes from empty to a megabyte', () => {
    const key = new Uint8Array(randomBytes(32));
    const aad = new TextEncoder().encode('token_chunks/7');
    for (const size of [0, 1, 15, 16, 63, 64, 65, 1000, 65_537, 1 << 20]) {
      const plaintext = new Uint8Array(randomBytes(size));
      const opened = openBulk(key, sealWithNoble(key, plaintext, aad), aad, path);
      expect(opened && Buffer.compare(Buffer.from(opened), plaintext)).toBe(0);
    }
  });

  it('matches the XChaCha20-Poly1305 test vector of draft-irtf-cfrg-xchacha A.3.1', () => {
    const hex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h.replace(/\s/g, ''), 'hex'));
    const key = hex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
    const nonce = hex('404142434445464748494a4b4c4d4e4f5051525354555657');
    const aad = hex('50515253c0c1c2c3c4c5c6c7');
    const plaintext = Buffer.from(
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
    );
    const body = xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
    expect(Buffer.from(body.subarray(body.length - 16)).toString('hex')).toBe('c0875924c1c7987947deafd8780acf49');
    const sealed = new Uint8Array(24 + body.length);
    sealed.set(nonce);
    sealed.set(body, 24);
    expect(Buffer.from(openBulk(key, sealed, aad, path) ?? []).toString()).toBe(plaintext.toString());
  });

  it('refuses every flipped byte, a wrong key, a wrong associated data and a truncated value', () => {
    const key = new Uint8Array(randomBytes(32));
    const aad = new TextEncoder().encode('token_chunks/1');
    const sealed = sealWithNoble(key, new Uint8Array(randomBytes(200)), aad);
    let refused = 0;
    for (let i = 0; i < sealed.length; i++) {
      const mutant = sealed.slice();
      mutant[i] = (mutant[i] ?? 0) ^ 0x01;
      if (openBulk(key, mutant, aad, path) === null) refused++;
    }
    expect(refused).toBe(sealed.length);
    expect(openBulk(new Uint8Array(randomBytes(32)), sealed, aad, path)).toBeNull();
    expect(openBulk(key, sealed, new TextEncoder().encode('token_chunks/2'), path)).toBeNull();
    expect(openBulk(key, sealed.subarray(0, 39), aad, path)).toBeNull();
  });
});
