import { parse } from 'dotenv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../src/main/transfer/dotenv';
import { renderEnv } from '../../src/cli/env-vars';

const CORPUS: Record<string, string> = {
  plain: 'A=1\nB=two\nC=three words\n',
  export: 'export A=1\nexport   B="two"\nexport=3\n',
  comments: '# top\nA=1 # trailing\nB="quoted # not a comment" # real\nC=\'x#y\'\nD=abc#def\n  # indented comment\n',
  quotes: `S='single "dq" inside'\nD="double 'sq' inside"\nB=\`back 'and' "both"\`\nU='unterminated\nN=after\n`,
  multiline: 'KEY="-----BEGIN-----\nline two\nline three\n-----END-----"\nNEXT=ok\nSQ=\'a\nb\'\n',
  escapes: 'NL="a\\nb"\nCR="a\\rb"\nSQ=\'a\\nb\'\nESC="say \\"hi\\""\nBS="c:\\\\path\\\\"\n',
  empty: 'E1=\nE2=""\nE3=\'\'\nE4=   \nE5= # only comment\nE6\n',
  spacing: '  A = 1  \nB  =  "  padded  "  \nC:  colon style\nD:nospace\n\n\n\tE=tab\n',
  crlf: 'A=1\r\nB="x\r\ny"\r\nC=3\r\n',
  duplicates: 'A=1\nA=2\nB=1\n',
  keys: 'dotted.key=1\ndash-key=2\n_under=3\n9digit=4\nbad key=5\n',
  garbage: 'this is not a line\n=novalue\nA=ok\n!!!\n',
  trailing: 'A="quoted"junk\nB=\'x\' # c\nC="a"b"\n',
  bom: '\uFEFFFIRST=1\nSECOND=2\n',
  'bom-crlf-quoted': '\uFEFFexport FIRST="one"\r\nSECOND=two\r\n',
  nbsp: "\u00A0A=1\nB=\u00A0two\u00A0\nexport\u00A0C=3\nD\u00A0=\u00A04\nE:\u00A0five\nF=\u00A0'q'\n",
  'unicode-spaces': '\u2003A=1\n\u3000B = \u2009two # c\nC=\u202Fthree\u205F\n\u2028D=4\n',
  'bom-inside': 'A=1\n\uFEFFB=2\nC=x\uFEFFy\n',
};

function viaDotenv(text: string): Record<string, string> {
  return { ...parse(text) };
}

describe('the .env reader', () => {
  it('agrees with the dotenv package on every file of the tricky corpus', () => {
    for (const [name, text] of Object.entries(CORPUS)) {
      expect({ name, parsed: Object.fromEntries(parseDotenv(text)) }).toEqual({ name, parsed: viaDotenv(text) });
    }
    console.log(`${Object.keys(CORPUS).length} corpus files agree with dotenv`);
  });

  it('agrees with the dotenv package on generated line-by-line files', () => {
    const key = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,6}$/);
    const bare = fc.stringMatching(/^[a-z0-9 #=:._-]{0,10}$/);
    const quoted = fc
      .tuple(fc.constantFrom("'", '"', '`'), fc.stringMatching(/^[a-z0-9 #\\n=]{0,10}$/))
      .map(([q, v]) => `${q}${v.replaceAll(q, '')}${q}`);
    const line = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('', 'export ', '  ', '\u00A0', '\uFEFF', 'export\u00A0', '\u3000'),
          key,
          fc.constantFrom('=', ' = ', ': ', '=\u00A0', '\u2003=', ':\u00A0'),
          fc.oneof(bare, quoted),
          fc.constantFrom('', ' # c', '\t'),
        )
        .map((p) => p.join('')),
      fc.constant('# comment'),
      fc.constant(''),
    );
    let files = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (lines, eol, bom) => {
        const text = `${bom ? '\uFEFF' : ''}${lines.join(eol)}`;
        files += 1;
        expect(Object.fromEntries(parseDotenv(text))).toEqual(viaDotenv(text));
      }),
      { numRuns: 1000 },
    );
    console.log(`${files} generated files agree with dotenv`);
  });

  it('writes .env text that dotenv and our reader both read back unchanged', () => {
    const value = fc.string({
      unit: fc.constantFrom('a', 'Z', '0', ' ', '#', '=', "'", '"', '`', '\\', '\n', '$', 'é'),
      maxLength: 16,
    });
    let values = 0;
    fc.assert(
      fc.property(value, (v) => {
        const hasEveryQuote = v.includes("'") && v.includes('`') && (v.includes('"') || /\\[nr]/.test(v));
        fc.pre(!hasEveryQuote);
        const text = renderEnv([['VALUE', v]], 'dotenv');
        values += 1;
        expect(parse(text).VALUE).toBe(v);
        expect(Object.fromEntries(parseDotenv(text)).VALUE).toBe(v);
      }),
      { numRuns: 1000 },
    );
    console.log(`${values} generated values round-trip through our .env writer`);
  });
});
