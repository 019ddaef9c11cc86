/** Where variables and unreadable lines are in a .env file, as the import preview shows them. */
import { describe, expect, it } from 'vitest';
import { dotenvLines } from '../../../src/main/transfer/dotenv-lines';

describe('dotenv lines', () => {
  it('places each definition, following quoted values over several lines', () => {
    const text = [
      '\uFEFFFIRST=1',
      'export SECOND: two',
      '  # a comment',
      "THIRD='a",
      'b',
      "c'",
      'FOURTH=`x`',
      'FIRST=again',
      '',
    ].join('\r\n');
    const lines = dotenvLines(text);
    expect([...lines.starts]).toEqual([
      ['FIRST', [1, 8]],
      ['SECOND', [2]],
      ['THIRD', [4]],
      ['FOURTH', [7]],
    ]);
    expect(lines.unread).toEqual([]);
  });

  it('names the lines that are not variables', () => {
    const lines = dotenvLines(['GOOD=1', 'just words', '=no name', 'ALSO_GOOD=2'].join('\n'));
    expect(lines.unread.map((entry) => entry.line)).toEqual([2, 3]);
    expect(lines.unread[0]?.reason).toBe('Not a NAME=value line; it was left out.');
    expect([...lines.starts.keys()]).toEqual(['GOOD', 'ALSO_GOOD']);
  });
});
