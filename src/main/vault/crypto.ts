/**
 * Sealing primitives: XChaCha20-Poly1305 (@noble/ciphers) with a fresh random 24-byte nonce per
 * value, and the HKDF/HMAC-SHA256 helpers that derive purpose keys and blind-index tags from the
 * vault key. A sealed value is `nonce || ciphertext || tag`; its associated data names where it
 * belongs. HMAC runs on node:crypto's `createHmac` (OpenSSL, or BoringSSL under Electron), and HKDF
 * is built from it (RFC 5869) rather than on `hkdfSync`, which Electron's BoringSSL builds have
 * failed (electron/electron#31634). Both give the same bytes as @noble/hashes
 * (test/main/vault/crypto.test.ts compares them) without interpreting SHA-256 in JavaScript on
 * every cold start.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { createHmac, randomBytes } from 'node:crypto';
import { KeyturnError } from '../../shared/errors';

export const KEY_BYTES = 32;
export const NONCE_BYTES = 24;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function randomKey(): Uint8Array {
  return new Uint8Array(randomBytes(KEY_BYTES));
}

export function seal(key: Uint8Array, plaintext: Uint8Array, aad: string): Uint8Array {
  const nonce = new Uint8Array(randomBytes(NONCE_BYTES));
  const body = xchacha20poly1305(key, nonce, encoder.encode(aad)).encrypt(plaintext);
  const out = new Uint8Array(NONCE_BYTES + body.length);
  out.set(nonce, 0);
  out.set(body, NONCE_BYTES);
  return out;
}

/**
 * Opens a sealed value or throws VAULT_CORRUPT naming `record` (never the content). A value too
 * short to hold a nonce and a tag needs no check of its own: @noble refuses the short nonce or the
 * short ciphertext inside the `try` (test/main/vault/seal-edges.test.ts).
 */
export function open(key: Uint8Array, sealed: Uint8Array, aad: string, record: string): Uint8Array {
  try {
    const nonce = sealed.subarray(0, NONCE_BYTES);
    return xchacha20poly1305(key, nonce, encoder.encode(aad)).decrypt(sealed.subarray(NONCE_BYTES));
  } catch {
    throw corrupt(record);
  }
}

/** Like open, but returns null instead of throwing: a failed key unwrap is not corruption. */
export function tryOpen(key: Uint8Array, sealed: Uint8Array, aad: string): Uint8Array | null {
  try {
    return xchacha20poly1305(key, sealed.subarray(0, NONCE_BYTES), encoder.encode(aad)).decrypt(
      sealed.subarray(NONCE_BYTES),
    );
  } catch {
    return null;
  }
}

export function sealText(key: Uint8Array, text: string, aad: string): Uint8Array {
  return seal(key, encoder.encode(text), aad);
}

export function openText(key: Uint8Array, sealed: Uint8Array, aad: string, record: string): string {
  const bytes = open(key, sealed, aad, record);
  try {
    return decoder.decode(bytes);
  } catch {
    throw corrupt(record);
  } finally {
    bytes.fill(0);
  }
}

export function corrupt(record: string): KeyturnError {
  return new KeyturnError('VAULT_CORRUPT', `The vault record ${record} is damaged and cannot be opened`);
}

const HKDF_FIRST_BLOCK = new Uint8Array([1]);

/**
 * HKDF-SHA256 (RFC 5869) for a 32-byte key, i.e. one output block: PRK = HMAC(salt, ikm), then
 * OKM = HMAC(PRK, info || 0x01). No salt means the RFC's default, a hash-length block of zeros.
 */
export function deriveKey(ikm: Uint8Array, salt: Uint8Array | undefined, info: string): Uint8Array {
  const prk = createHmac('sha256', salt ?? new Uint8Array(KEY_BYTES))
    .update(ikm)
    .digest();
  try {
    return new Uint8Array(createHmac('sha256', prk).update(encoder.encode(info)).update(HKDF_FIRST_BLOCK).digest());
  } finally {
    prk.fill(0);
  }
}

export function mac(key: Uint8Array, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('sha256', key).update(data).digest());
}

export function macText(key: Uint8Array, text: string): Uint8Array {
  return mac(key, encoder.encode(text));
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (const [i, byte] of a.entries()) diff |= byte ^ (b[i] ?? 0);
  return diff === 0;
}

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function randomId(): string {
  return randomBytes(12).toString('base64url');
}
