/**
 * The .env reader's fallback path: a double-quoted value with text after its closing quote is
 * not a quoted value to dotenv; it is read as a bare value whose outer quotes are dropped and
 * whose `\n` / `\r` escapes are still expanded. The corpus in dotenv.test.ts reaches this path
 * only with values that have no escapes, so unescaping here could stop unnoticed.
 */
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../src/main/transfer/dotenv';

const read = (text: string): Record<string, string> => Object.fromEntries(parseDotenv(text));

describe('the .env reader after a quoted value with trailing text', () => {
  it('unescapes \\n and \\r in a double-quoted value, as dotenv does', () => {
    const text = 'A="x\\ny"junk"\nB="a\\rb"c"\nC=after\n';
    expect(read(text)).toEqual({ A: 'x\ny"junk', B: 'a\rb"c', C: 'after' });
    expect(read(text)).toEqual({ ...parse(text) });
  });

  it('keeps escapes literal in single- and backtick-quoted values there, as dotenv does', () => {
    const text = "S='x\\ny'junk'\nT=`x\\ny`junk`\n";
    expect(read(text)).toEqual({ S: "x\\ny'junk", T: 'x\\ny`junk' });
    expect(read(text)).toEqual({ ...parse(text) });
  });
});
