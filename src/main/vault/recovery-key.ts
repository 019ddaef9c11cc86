/**
 * The recovery key: 32 random bytes shown once as base32 (RFC 4648) in groups of four, e.g.
 * `ABCD-EFGH-…`. It has full entropy, so its wrapping key comes from HKDF, not Argon2.
 */
import { KeyturnError } from '../../shared/errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const RECOVERY_KEY_BYTES = 32;

export function formatRecoveryKey(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return (out.match(/.{1,4}/g) ?? []).join('-');
}

/** Accepts any case, spaces and dashes; refuses anything else without echoing it. */
export function parseRecoveryKey(text: string): Uint8Array {
  const clean = text.toUpperCase().replace(/[\s-]/g, '');
  const expectedChars = Math.ceil((RECOVERY_KEY_BYTES * 8) / 5);
  if (clean.length !== expectedChars || /[^A-Z2-7]/.test(clean)) {
    throw new KeyturnError(
      'INVALID_INPUT',
      'The recovery key is not in the expected format: groups of the letters A–Z and the digits 2–7.',
    );
  }
  const out = new Uint8Array(RECOVERY_KEY_BYTES);
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of clean) {
    value = ((value << 5) | ALPHABET.indexOf(char)) & 0xffff;
    bits += 5;
    if (bits >= 8 && index < RECOVERY_KEY_BYTES) {
      out[index++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}
