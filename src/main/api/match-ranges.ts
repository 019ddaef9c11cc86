/**
 * Where the search text occurs in a label, for highlighting: [start, end) ranges in the label's
 * own UTF-16 indices, found case-insensitively the way the vault's search matches (lowercase,
 * NFC). Pure.
 */
import type { MatchRange } from '../../shared/window-views';

/** Enough to highlight; a label of 200 "a"s searched for "a" does not need 200 ranges. */
const MAX_RANGES = 16;

/** The search text as the vault's search compares it. */
export function normaliseNeedle(text: string): string {
  return text.normalize('NFC').trim().toLowerCase();
}

export function matchRanges(label: string, needle: string): MatchRange[] {
  if (needle === '') return [];
  const lower = label.toLowerCase();
  // Lowercasing kept every index (almost always): ranges in `lower` are ranges in `label`.
  if (lower.length === label.length) return occurrences(lower, needle);
  return mappedOccurrences(label, needle);
}

function occurrences(text: string, needle: string): MatchRange[] {
  const ranges: MatchRange[] = [];
  for (
    let at = text.indexOf(needle);
    at >= 0 && ranges.length < MAX_RANGES;
    at = text.indexOf(needle, at + needle.length)
  ) {
    ranges.push([at, at + needle.length]);
  }
  return ranges;
}

/** Some characters change length when lowercased ("İ" → "i̇"): map lowered indices back. */
function mappedOccurrences(label: string, needle: string): MatchRange[] {
  let lowered = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const char of label) {
    const low = char.toLowerCase();
    for (let k = 0; k < low.length; k++) {
      starts.push(index);
      ends.push(index + char.length);
    }
    lowered += low;
    index += char.length;
  }
  return occurrences(lowered, needle).map(([start, end]) => [starts[start] ?? 0, ends[end - 1] ?? label.length]);
}
