/**
 * Fuzzy matching for the window's command palette: every word of the query must appear in the text as a
 * subsequence ("rot acme ci" finds "Rotate Acme › prod › ci"), in any order. Letters at the start
 * of a word and letters that follow each other score more, gaps score less; the best alignment of
 * each word is kept. Pure and small: the palette scores a few thousand items per keystroke.
 */

export interface FuzzyMatch {
  readonly score: number;
  /** Indices of the matched characters in the text, ascending, for highlighting. */
  readonly indices: readonly number[];
}

const WORD_START = 8;
const CONSECUTIVE = 5;
const LETTER = 1;

function isWordStart(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text[at - 1] ?? '';
  return !/[\p{L}\p{N}]/u.test(before);
}

/** The best alignment of one query word starting at `start`, matching greedily after it. */
function alignFrom(text: string, word: string, start: number): FuzzyMatch | null {
  const indices = [start];
  let score = LETTER + (isWordStart(text, start) ? WORD_START : 0);
  let at = start;
  for (const char of word.slice(1)) {
    // Prefer the very next letter, then a word start, then any later occurrence.
    const next = text.indexOf(char, at + 1);
    if (next < 0) return null;
    let chosen = next;
    if (next !== at + 1) {
      for (let i = next; i >= 0 && i < text.length; i = text.indexOf(char, i + 1)) {
        if (isWordStart(text, i)) {
          chosen = i;
          break;
        }
      }
    }
    score += LETTER + (chosen === at + 1 ? CONSECUTIVE : 0) + (isWordStart(text, chosen) ? WORD_START : 0);
    score -= Math.min(3, chosen - at - 1) * 0.5;
    indices.push(chosen);
    at = chosen;
  }
  return { score, indices };
}

function matchWord(text: string, word: string): FuzzyMatch | null {
  let best: FuzzyMatch | null = null;
  const first = word[0] ?? '';
  for (let start = text.indexOf(first); start >= 0; start = text.indexOf(first, start + 1)) {
    const aligned = alignFrom(text, word, start);
    if (aligned !== null && (best === null || aligned.score > best.score)) best = aligned;
  }
  return best;
}

/** The match of `query` in `text`, or null when some word of the query is not in it. */
export function fuzzyMatch(text: string, query: string): FuzzyMatch | null {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return { score: 0, indices: [] };
  const lower = text.toLowerCase();
  // Lowercasing changed the length (rare letters): match without highlighting.
  const canHighlight = lower.length === text.length;
  let score = 0;
  const indices = new Set<number>();
  for (const word of words) {
    const match = matchWord(lower, word);
    if (match === null) return null;
    score += match.score;
    if (canHighlight) match.indices.forEach((index) => indices.add(index));
  }
  // Shorter texts win ties: "Lock" before "Lock on sleep".
  return { score: score - text.length * 0.01, indices: [...indices].sort((a, b) => a - b) };
}
