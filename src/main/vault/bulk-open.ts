/**
 * Opens a large XChaCha20-Poly1305 value (a token-list chunk) with the runtime's native
 * ChaCha20-Poly1305 where it has one, else with @noble/ciphers.
 *
 * Why: unlock opens every chunk (megabytes at 100k tokens); @noble runs at ~50–90 MB/s here and
 * OpenSSL at over 1 GB/s. The format is unchanged: XChaCha20-Poly1305 is ChaCha20-Poly1305 under
 * the HChaCha20 subkey of the first 16 nonce bytes, with nonce 0x00000000 || nonce[16..24]
 * (draft-irtf-cfrg-xchacha §2.3); the subkey comes from @noble's `hchacha`. Every value is sealed
 * by @noble. Electron's Node is built on BoringSSL, whose node:crypto has no `chacha20-poly1305`
 * ("Unknown cipher", electron/electron#24024), so the app's main process takes the @noble path:
 * the choice is made from `getCiphers()`, never assumed. test/main/vault/bulk-open.test.ts checks
 * both paths agree, tag failures included; KEYTURN_BULK_OPEN=noble forces the @noble path so the
 * bench can measure what Electron runs.
 */
import { hchacha, xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { createDecipheriv, getCiphers } from 'node:crypto';

export type BulkOpenPath = 'native' | 'noble';

/** Native where the runtime's crypto has ChaCha20-Poly1305 (Node's OpenSSL), else @noble (Electron). */
export const BULK_OPEN_PATH: BulkOpenPath =
  process.env['KEYTURN_BULK_OPEN'] !== 'noble' && getCiphers().includes('chacha20-poly1305') ? 'native' : 'noble';

const SIGMA = new Uint32Array([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);
const NONCE_BYTES = 24;
const TAG_BYTES = 16;

function wordsLE(bytes: Uint8Array): Uint32Array {
  const words = new Uint32Array(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < words.length; i++) words[i] = view.getUint32(i * 4, true);
  return words;
}

function bytesLE(words: Uint32Array): Buffer {
  const out = Buffer.alloc(words.length * 4);
  for (let i = 0; i < words.length; i++) out.writeUInt32LE(words[i] ?? 0, i * 4);
  return out;
}

/** `sealed` = nonce(24) || ciphertext || tag(16). Returns null when the value does not authenticate. */
export function openBulk(
  key: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
  path: BulkOpenPath = BULK_OPEN_PATH,
): Uint8Array | null {
  if (key.length !== 32 || sealed.length < NONCE_BYTES + TAG_BYTES) return null;
  return path === 'native' ? openNative(key, sealed, aad) : openNoble(key, sealed, aad);
}

function openNoble(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array | null {
  try {
    return xchacha20poly1305(key, sealed.subarray(0, NONCE_BYTES), aad).decrypt(sealed.subarray(NONCE_BYTES));
  } catch {
    return null;
  }
}

function openNative(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Buffer | null {
  const keyWords = wordsLE(key);
  const subWords = new Uint32Array(8);
  hchacha(SIGMA, keyWords, wordsLE(sealed.subarray(0, 16)), subWords);
  const subkey = bytesLE(subWords);
  keyWords.fill(0);
  subWords.fill(0);
  const nonce = Buffer.alloc(12);
  nonce.set(sealed.subarray(16, NONCE_BYTES), 4);
  let body: Buffer | undefined;
  try {
    const decipher = createDecipheriv('chacha20-poly1305', subkey, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad, { plaintextLength: sealed.length - NONCE_BYTES - TAG_BYTES });
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    body = decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES));
    decipher.final();
    return body;
  } catch {
    body?.fill(0); // plaintext that failed authentication is never used
    return null;
  } finally {
    subkey.fill(0);
  }
}
