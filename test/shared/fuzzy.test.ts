import { describe, expect, it } from 'vitest';
import { fuzzyMatch } from '../../src/shared/fuzzy';

const rank = (items: string[], query: string): string[] =>
  items
    .map((item) => ({ item, match: fuzzyMatch(item, query) }))
    .filter((entry) => entry.match !== null)
    .sort((a, b) => (b.match?.score ?? 0) - (a.match?.score ?? 0))
    .map((entry) => entry.item);

describe('fuzzy match', () => {
  it('finds every query word as a subsequence, in any order, ignoring case', () => {
    expect(fuzzyMatch('Rotate Acme › prod › ci', 'rot acme ci')).not.toBe(null);
    expect(fuzzyMatch('Rotate Acme › prod › ci', 'ci ROT')).not.toBe(null);
    expect(fuzzyMatch('Rotate Acme › prod › ci', 'rotx')).toBe(null);
    expect(fuzzyMatch('Lock', '')).toEqual({ score: 0, indices: [] });
  });

  it('prefers word starts and letters next to each other', () => {
    expect(rank(['Acme › spacing', 'Acme › ci'], 'ci')).toEqual(['Acme › ci', 'Acme › spacing']);
    expect(rank(['Expiring soon', 'Settings'], 'set')[0]).toBe('Settings');
    expect(rank(['Lock on sleep', 'Lock'], 'lock')).toEqual(['Lock', 'Lock on sleep']);
    expect(rank(['prod › Satori admin key', 'prod › Haut.AI company key'], 'sak')[0]).toBe('prod › Satori admin key');
  });

  it('says which characters matched, for highlighting', () => {
    expect(fuzzyMatch('Acme › ci', 'ci')?.indices).toEqual([7, 8]);
    expect(fuzzyMatch('Settings', 'stg')?.indices).toEqual([0, 2, 6]);
  });
});
