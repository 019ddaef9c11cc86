/**
 * The crypto helpers wipe the secrets they make on the way: openText the decrypted bytes once
 * they are a string, deriveKey the HKDF pseudorandom key once the output key is made, and both
 * Argon2 drivers the password's bytes once the key is derived. Nothing
 * else holds those arrays, so the test watches `fill` itself (the real one still runs) and checks
 * that an array with exactly that secret in it was zeroed.
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deriveKey, openText, randomKey, sealText } from '../../../src/main/vault/crypto';
import { derivePasswordKey, derivePasswordKeyAsync } from '../../../src/main/vault/kdf';
import { TEST_KDF_POLICY } from '../../support/vault-policy';

afterEach(() => {
  vi.restoreAllMocks();
});

/** What each `fill(0)` on this prototype found in the array before it wiped it. */
function watchWipes(prototype: { fill: (...args: never[]) => unknown }): number[][] {
  const wiped: number[][] = [];
  const original = prototype.fill;
  vi.spyOn(prototype, 'fill').mockImplementation(function (this: Uint8Array, ...args: never[]) {
    if ((args as unknown[])[0] === 0) wiped.push([...this]);
    return original.apply(this, args);
  });
  return wiped;
}

describe('wiping secrets in the crypto helpers', () => {
  it('zeroes the decrypted bytes once openText has made them a string', () => {
    const key = randomKey();
    const sealed = sealText(key, 'sk-the-secret-value', 'token/1/value');
    const wiped = watchWipes(Uint8Array.prototype);
    expect(openText(key, sealed, 'token/1/value', 'token 1')).toBe('sk-the-secret-value');
    expect(wiped).toContainEqual([...new TextEncoder().encode('sk-the-secret-value')]);
  });

  it('zeroes the HKDF pseudorandom key once the output key is derived', () => {
    const ikm = randomKey();
    const salt = randomKey();
    const prk = [...createHmac('sha256', salt).update(ikm).digest()];
    const wiped = watchWipes(Buffer.prototype);
    deriveKey(ikm, salt, 'keyturn/v1/test');
    expect(wiped).toContainEqual(prk);
  });

  it('zeroes the bytes of the password once Argon2 has derived the key, in both drivers', async () => {
    const salt = randomKey();
    const password = [...Buffer.from('correct horse battery staple')];
    const wipedSync = watchWipes(Buffer.prototype);
    derivePasswordKey('correct horse battery staple', salt, TEST_KDF_POLICY.floor);
    expect(wipedSync).toContainEqual(password);
    vi.restoreAllMocks();
    const wipedAsync = watchWipes(Buffer.prototype);
    await derivePasswordKeyAsync('correct horse battery staple', salt, TEST_KDF_POLICY.floor);
    expect(wipedAsync).toContainEqual(password);
  });
});
