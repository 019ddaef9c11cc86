/**
 * Characters that change how the text around them is shown without being seen themselves: bidi
 * controls (U+202E makes "Acme ‮dorp" render as "Acme prod") and zero-width or blank-looking
 * characters (two names that look the same but differ). Names and labels refuse them (the vault's
 * validation); the window may use the same check to warn while the user types. Pure.
 */

/** Bidi controls, zero-width characters and invisible fillers, each with a name for the message. */
const INVISIBLE: Readonly<Record<number, string>> = {
  0x00ad: 'soft hyphen',
  0x034f: 'combining grapheme joiner',
  0x061c: 'Arabic letter mark',
  0x115f: 'Hangul choseong filler',
  0x1160: 'Hangul jungseong filler',
  0x17b4: 'Khmer vowel inherent aq',
  0x17b5: 'Khmer vowel inherent aa',
  0x180e: 'Mongolian vowel separator',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2061: 'invisible function application',
  0x2062: 'invisible times',
  0x2063: 'invisible separator',
  0x2064: 'invisible plus',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0x206a: 'inhibit symmetric swapping',
  0x206b: 'activate symmetric swapping',
  0x206c: 'inhibit Arabic form shaping',
  0x206d: 'activate Arabic form shaping',
  0x206e: 'national digit shapes',
  0x206f: 'nominal digit shapes',
  0x3164: 'Hangul filler',
  0xfeff: 'zero-width no-break space',
  0xffa0: 'halfwidth Hangul filler',
};

// The combining ones (U+034F, U+17B4, U+17B5) stand alone: in a class they would read as combined.
const CANDIDATES =
  /\u034F|\u17B4|\u17B5|[\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0]/gu;

/**
 * A zero-width joiner inside an emoji sequence (👩‍💻, 🏳️‍🌈) is how those emoji are written, not a
 * trick: allowed between two pictographs (the first may carry a variation selector or skin tone).
 */
const EMOJI_JOINER =
  /(?<=\p{Extended_Pictographic}(?:\u{FE0F}|\p{Emoji_Modifier})?)\u200D(?=\p{Extended_Pictographic})/uy;

/** The first invisible or direction-changing character, as `U+202E (right-to-left override)`, or null. */
export function findInvisibleCharacter(text: string): string | null {
  for (const match of text.matchAll(CANDIDATES)) {
    const code = match[0].codePointAt(0) ?? 0;
    if (code === 0x200d) {
      EMOJI_JOINER.lastIndex = match.index;
      if (EMOJI_JOINER.test(text)) continue;
    }
    const hex = code.toString(16).toUpperCase().padStart(4, '0');
    return `U+${hex} (${INVISIBLE[code] ?? 'invisible character'})`;
  }
  return null;
}

/** The rule as the vault states it after the field's name ("The label must not …"). */
export function invisibleCharacterRule(found: string): string {
  return `must not contain invisible or direction-changing characters; found ${found}. Retype it without them`;
}
