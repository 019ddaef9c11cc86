/**
 * Where things are in a .env file, for the import preview: the line each variable's definitions
 * start on, and the lines that are neither blank, a comment nor a variable (the reader skips
 * them; the preview says so). The values themselves come from dotenv.ts; this only places them.
 * A quoted value that runs over several lines is followed to its closing quote.
 */

const START = /^[\s\uFEFF]*(?:export\s+)?([\w.-]+)\s*[=:]/;
const QUOTES = new Set(["'", '"', '`']);

export interface DotenvLines {
  /** Variable name → the lines its definitions start on, in file order. */
  readonly starts: ReadonlyMap<string, readonly number[]>;
  readonly unread: readonly { readonly line: number; readonly reason: string }[];
}

export function dotenvLines(text: string): DotenvLines {
  const starts = new Map<string, number[]>();
  const unread: { line: number; reason: string }[] = [];
  let openQuote: string | null = null;
  text.split(/\r?\n/).forEach((line, index) => {
    const number = index + 1;
    if (openQuote !== null) {
      if (line.includes(openQuote)) openQuote = null;
      return;
    }
    const trimmed = line.replace(/^[\s\uFEFF]+/, '');
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = START.exec(line);
    const name = match?.[1];
    if (match === null || name === undefined) {
      unread.push({ line: number, reason: 'Not a NAME=value line; it was left out.' });
      return;
    }
    starts.set(name, [...(starts.get(name) ?? []), number]);
    const rest = line.slice(match[0].length).trimStart();
    const quote = rest[0];
    if (quote !== undefined && QUOTES.has(quote) && !rest.slice(1).includes(quote)) openQuote = quote;
  });
  return { starts, unread };
}
