/**
 * Provider-side key names: `keyturn:<slug of the label>:<journal id>`, at most 100 characters,
 * and the journal id read back only from a name of exactly that shape (reconcile revokes keys
 * by it, so a loose reading would claim keys Keyturn did not make).
 */
import { describe, expect, it } from 'vitest';
import { journalIdOf, keyNameFor, MAX_KEY_NAME_LENGTH } from '../../../src/main/lifecycle/key-name';

const ID = 'AbC_-12xyzAbC_-12xyz';

describe('key names', () => {
  it('slugs the label: lower case, runs of other characters to one dash, no dash at either end', () => {
    expect(keyNameFor('  CI Deploy -- Key!! ', ID)).toBe(`keyturn:ci-deploy-key:${ID}`);
    expect(keyNameFor('Ünïcode only', ID)).toBe(`keyturn:n-code-only:${ID}`);
    expect(keyNameFor('!!!', ID)).toBe(`keyturn::${ID}`);
  });

  it('cuts the slug to fit 100 characters, without a dash left at the cut', () => {
    const room = MAX_KEY_NAME_LENGTH - 'keyturn'.length - ID.length - 2;
    expect(MAX_KEY_NAME_LENGTH).toBe(100);
    const exact = keyNameFor('a'.repeat(room), ID);
    expect(exact).toHaveLength(100);
    expect(keyNameFor('a'.repeat(room + 5), ID)).toBe(exact);
    expect(keyNameFor(`${'a'.repeat(room - 1)} b`, ID)).toBe(`keyturn:${'a'.repeat(room - 1)}:${ID}`);
    // Only the dash at the cut goes, not the one inside.
    expect(keyNameFor(`a ${'b'.repeat(room - 3)} c`, ID)).toBe(`keyturn:a-${'b'.repeat(room - 3)}:${ID}`);
    expect(keyNameFor('x', 'i'.repeat(100 - 9))).toBe(`keyturn::${'i'.repeat(91)}`);
    expect(() => keyNameFor('x', 'i'.repeat(100 - 8))).toThrow('Journal id too long for a provider key name');
  });

  it('reads the journal id back only from a name of exactly that shape', () => {
    expect(journalIdOf(keyNameFor('CI', ID))).toBe(ID);
    expect(journalIdOf(`keyturn::${ID}`)).toBe(ID);
    for (const name of [
      `keyturn:CI:${ID}`,
      `xkeyturn:ci:${ID}`,
      `keyturn:ci:${ID}:more`,
      `keyturn:ci:${ID}.`,
      'keyturn:ci:',
      `keyturn:c i:${ID}`,
      `Keyturn:ci:${ID}`,
      `keyturn-ci-${ID}`,
      '',
    ]) {
      expect({ name, id: journalIdOf(name) }).toEqual({ name, id: null });
    }
  });
});
