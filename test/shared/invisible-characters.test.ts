import { describe, expect, it } from 'vitest';
import { findInvisibleCharacter } from '../../src/shared/invisible-characters';

describe('invisible and direction-changing characters', () => {
  it('finds every bidi control the issue names (U+202A–U+202E, U+2066–U+2069) and says which', () => {
    const controls = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
    for (const code of controls) {
      expect(findInvisibleCharacter(`Acme ${String.fromCodePoint(code)}dorp`)).toMatch(
        new RegExp(`^U\\+${code.toString(16).toUpperCase()} \\(`),
      );
    }
    expect(findInvisibleCharacter('Acme \u202Edorp')).toBe('U+202E (right-to-left override)');
  });

  it('finds zero-width and blank-looking characters (U+200B–U+200F, U+2060, U+FEFF, fillers)', () => {
    for (const code of [0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0xfeff, 0x00ad, 0x3164, 0x180e, 0x061c]) {
      expect(findInvisibleCharacter(`pr${String.fromCodePoint(code)}od`), code.toString(16)).not.toBeNull();
    }
  });

  it('accepts emoji written with a zero-width joiner, and a joiner anywhere else is still refused', () => {
    for (const emoji of ['👩‍💻 laptop key', '🏳️‍🌈 team', 'family 👨‍👩‍👧', '👍🏽‍❤️ odd but pictographic']) {
      expect(findInvisibleCharacter(emoji), emoji).toBeNull();
    }
    expect(findInvisibleCharacter('prod\u200D')).toBe('U+200D (zero-width joiner)');
    expect(findInvisibleCharacter('a\u200D💻')).toBe('U+200D (zero-width joiner)');
  });

  it('accepts right-to-left scripts, accents and ordinary punctuation', () => {
    for (const name of ['שלום prod', 'مفتاح الإنتاج', 'Café – Zürich', 'naïve (staging) #2', 'キー']) {
      expect(findInvisibleCharacter(name), name).toBeNull();
    }
  });
});
