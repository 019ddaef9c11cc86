/**
 * Edges of the sealing primitives: an empty value seals and opens (40 bytes: nonce and tag), a
 * sealed value that is not UTF-8 text is damaged rather than decoded with replacement characters,
 * a failure names the record, and MACs of different lengths never compare equal.
 */
import { describe, expect, it } from 'vitest';
import { KeyturnError } from '../../../src/shared/errors';
import { equalBytes, open, openText, randomKey, seal, sealText, tryOpen } from '../../../src/main/vault/crypto';

const thrown = (work: () => unknown): unknown => {
  try {
    work();
  } catch (cause) {
    return cause;
  }
  return null;
};

describe('sealing', () => {
  it('seals and opens an empty value, which is exactly nonce and tag long', () => {
    const key = randomKey();
    const sealed = sealText(key, '', 'x/1/v');
    expect(sealed).toHaveLength(24 + 16);
    expect(openText(key, sealed, 'x/1/v', 'x 1')).toBe('');
    expect(tryOpen(key, sealed, 'x/1/v')).toEqual(new Uint8Array(0));
    expect(tryOpen(key, sealed, 'x/2/v')).toBeNull();
    expect(tryOpen(key, sealed.subarray(0, 39), 'x/1/v')).toBeNull();
  });

  it('refuses a sealed value that is not UTF-8 text instead of decoding it loosely', () => {
    const key = randomKey();
    const sealed = seal(key, new Uint8Array([0x61, 0xff, 0xfe, 0x62]), 'x/1/v');
    expect(open(key, sealed, 'x/1/v', 'x 1')).toEqual(new Uint8Array([0x61, 0xff, 0xfe, 0x62]));
    const cause = thrown(() => openText(key, sealed, 'x/1/v', 'setting theme'));
    expect(cause).toBeInstanceOf(KeyturnError);
    expect(cause).toMatchObject({
      code: 'VAULT_CORRUPT',
      message: 'The vault record setting theme is damaged and cannot be opened',
    });
  });

  it('names the record, never the content, when a value does not open', () => {
    const key = randomKey();
    const sealed = sealText(key, 'sk-canary', 'x/1/v');
    for (const work of [
      () => open(key, sealed, 'x/2/v', 'token 7'),
      () => open(key, sealed.subarray(0, 10), 'x/1/v', 'token 7'),
    ]) {
      const cause = thrown(work);
      expect(cause).toMatchObject({
        code: 'VAULT_CORRUPT',
        message: 'The vault record token 7 is damaged and cannot be opened',
      });
      expect(String((cause as Error).message)).not.toContain('sk-canary');
    }
  });

  it('refuses every value too short to hold a nonce and a tag, whatever its bytes', () => {
    const key = randomKey();
    const sealed = sealText(key, '', 'x/1/v');
    for (let length = 0; length < 24 + 16; length += 1) {
      const short = sealed.subarray(0, length);
      expect({ length, opened: tryOpen(key, short, 'x/1/v') }).toEqual({ length, opened: null });
      expect(thrown(() => open(key, short, 'x/1/v', 'token 7'))).toMatchObject({ code: 'VAULT_CORRUPT' });
    }
  });
});

describe('equalBytes', () => {
  it('is true only for the same bytes at the same length', () => {
    const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
    expect(equalBytes(bytes(1, 2, 3), bytes(1, 2, 3))).toBe(true);
    expect(equalBytes(bytes(), bytes())).toBe(true);
    expect(equalBytes(bytes(1, 2, 3), bytes(1, 2, 4))).toBe(false);
    // A truncated or padded MAC is not the MAC, even when the shared part matches.
    expect(equalBytes(bytes(1, 2), bytes(1, 2, 0))).toBe(false);
    expect(equalBytes(bytes(1, 2, 0), bytes(1, 2))).toBe(false);
    expect(equalBytes(bytes(), bytes(0))).toBe(false);
  });
});
