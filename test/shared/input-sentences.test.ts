import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeInputIssues } from '../../src/shared/input-sentences';

function sentence(schema: z.ZodType, input: unknown): string {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a refusal');
  return describeInputIssues(parsed.error.issues, input);
}

describe('input problems as sentences', () => {
  it('names the field and the rule: empty, too short, too long, missing', () => {
    const schema = z.object({ password: z.string().min(1), newPassword: z.string().min(8), label: z.string().max(5) });
    expect(sentence(schema, { password: '', newPassword: 'longenough', label: 'ok' })).toBe(
      'Enter the master password.',
    );
    expect(sentence(schema, { password: 'x', newPassword: 'short', label: 'ok' })).toBe(
      'The new master password is too short: use at least 8 characters.',
    );
    expect(sentence(schema, { password: 'x', newPassword: 'longenough', label: 'too long' })).toBe(
      'The label is too long: at most 5 characters.',
    );
    expect(sentence(schema, { newPassword: 'longenough', label: 'ok' })).toBe('The master password is missing.');
  });

  it('never repeats the value given, whatever the rule', () => {
    const schema = z.object({ password: z.number(), kind: z.enum(['a', 'b']), baseUrl: z.url() }).strict();
    const text = sentence(schema, { password: 'hunter2-secret', kind: 'sk-live-zzz', baseUrl: 'ftp//sk-live-yyy' });
    expect(text).not.toMatch(/hunter2|sk-live/);
    expect(text).toBe('The master password must be a number. The kind must be one of “a” or “b”.');
  });

  it('says which fields are not accepted, by name only, and spells out unknown field names', () => {
    expect(sentence(z.object({}).strict(), { admin: true })).toBe('Keyturn does not accept the field “admin”.');
    expect(sentence(z.object({ lockIdleMinutes: z.number().max(1440) }), { lockIdleMinutes: 5000 })).toBe(
      'The lock idle minutes must be at most 1440.',
    );
  });

  it('keeps the vault’s own rules ("must …") after the field name, and refinements as sentences', () => {
    const name = z.object({ name: z.string().regex(/^[a-z]+$/, 'must use lowercase letters') });
    expect(sentence(name, { name: 'ABC' })).toBe('The name must use lowercase letters.');
    const refined = z.object({ a: z.string() }).refine(() => false, 'an environment needs its tenant');
    expect(sentence(refined, { a: 'x' })).toBe('An environment needs its tenant.');
  });

  it('says which item of a list is wrong', () => {
    const tags = z.object({ tags: z.array(z.string().min(1)) });
    expect(sentence(tags, { tags: ['ok', ''] })).toBe('Enter the tags (item 2).');
  });
});
