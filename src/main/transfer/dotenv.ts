/**
 * A `.env` reader that agrees with the `dotenv` package on real files: `export` prefixes,
 * `KEY: value`, comments (whole-line and inline after unquoted values), single/double/backtick
 * quotes, multiline quoted values, `\n`/`\r` escapes in double quotes, empty values, CRLF, a
 * byte order mark and Unicode spaces.
 * Later duplicates win. Returns pairs in first-seen order.
 */

const QUOTES = new Set(["'", '"', '`']);

interface Cursor {
  readonly text: string;
  pos: number;
}

/**
 * Whitespace as dotenv's pattern reads it: JavaScript's `\s` (which also holds a UTF-8 byte order
 * mark and the no-break spaces), less the line break this reader handles itself. With only
 * ASCII blanks here, a file starting with a BOM lost its first variable.
 */
function isBlank(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '\n' && /^\s$/.test(ch);
}

function skipBlanks(c: Cursor): void {
  while (isBlank(c.text[c.pos])) c.pos += 1;
}

function lineEnd(c: Cursor, from: number): number {
  const end = c.text.indexOf('\n', from);
  return end < 0 ? c.text.length : end;
}

function readKey(c: Cursor): string | null {
  const match = /^[\w.-]+/.exec(c.text.slice(c.pos, c.pos + 256));
  if (!match) return null;
  c.pos += match[0].length;
  return match[0];
}

/** `=` (blanks allowed around) or `:` followed by at least one blank. */
function readSeparator(c: Cursor): boolean {
  const start = c.pos;
  skipBlanks(c);
  if (c.text[c.pos] === '=') {
    c.pos += 1;
    return true;
  }
  c.pos = start;
  if (c.text[c.pos] === ':' && isBlank(c.text[c.pos + 1])) {
    c.pos += 1;
    return true;
  }
  return false;
}

function readKeyWithPrefix(c: Cursor): string | null {
  const start = c.pos;
  if (c.text.startsWith('export', c.pos) && isBlank(c.text[c.pos + 6])) {
    c.pos += 6;
    skipBlanks(c);
    const key = readKey(c);
    if (key !== null && readSeparator(c)) return key;
    c.pos = start;
  }
  const key = readKey(c);
  return key !== null && readSeparator(c) ? key : null;
}

/**
 * Where a quoted value may close: any quote up to and including the first one not preceded by
 * a backslash (an escaped quote may also close, as in dotenv's pattern). Longest first.
 */
function closingCandidates(text: string, open: number, quote: string): number[] {
  const found: number[] = [];
  for (let i = open + 1; i < text.length; i += 1) {
    if (text[i] !== quote) continue;
    found.push(i);
    if (text[i - 1] !== '\\') break;
  }
  return found.reverse();
}

function expandDoubleQuoted(value: string): string {
  return value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
}

/** After the value only blanks and an optional comment may follow on the line. */
function restIsComment(c: Cursor, from: number): boolean {
  const rest = c.text.slice(from, lineEnd(c, from)).trim();
  return rest === '' || rest.startsWith('#');
}

function readQuoted(c: Cursor): string | null {
  const quote = c.text[c.pos] ?? '';
  const close = closingCandidates(c.text, c.pos, quote).find((i) => restIsComment(c, i + 1));
  if (close === undefined) return null;
  const inner = c.text.slice(c.pos + 1, close);
  c.pos = lineEnd(c, close + 1);
  return quote === '"' ? expandDoubleQuoted(inner) : inner;
}

function readUnquoted(c: Cursor): string {
  const end = lineEnd(c, c.pos);
  const hash = c.text.indexOf('#', c.pos);
  const stop = hash >= 0 && hash < end ? hash : end;
  let value = c.text.slice(c.pos, stop).trim();
  c.pos = end;
  const first = value[0];
  if (first !== undefined && QUOTES.has(first) && value.length >= 2 && value.endsWith(first)) {
    value = value.slice(1, -1);
    if (first === '"') value = expandDoubleQuoted(value);
  }
  return value;
}

function readValue(c: Cursor): string {
  skipBlanks(c);
  const ch = c.text[c.pos];
  if (ch !== undefined && QUOTES.has(ch)) {
    const quoted = readQuoted(c);
    if (quoted !== null) return quoted;
  }
  return readUnquoted(c);
}

export function parseDotenv(source: string): [string, string][] {
  const c: Cursor = { text: source.replace(/\r\n?/g, '\n'), pos: 0 };
  const values = new Map<string, string>();
  while (c.pos < c.text.length) {
    while (c.pos < c.text.length && (isBlank(c.text[c.pos]) || c.text[c.pos] === '\n')) c.pos += 1;
    if (c.pos >= c.text.length) break;
    const key = readKeyWithPrefix(c);
    if (key === null) {
      c.pos = lineEnd(c, c.pos) + 1;
      continue;
    }
    values.set(key, readValue(c));
    c.pos += 1;
  }
  return [...values.entries()];
}
