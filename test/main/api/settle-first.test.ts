import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { unfinishedWorkNotice } from '../../../src/main/api/settle-first';
import { KeyturnError } from '../../../src/shared/errors';

describe('the note when what was left open on a token cannot be finished', () => {
  it('gives a KeyturnError’s sentence', () => {
    const cause = new KeyturnError('VAULT_BUSY', 'The vault is busy in another process; try again (/v.db)');
    expect(unfinishedWorkNotice('ci', cause)).toBe(
      '“ci”: what was left open could not be finished now (The vault is busy in another process; try again (/v.db))',
    );
  });

  it('never passes on another error’s own message: a schema’s issue list, or text it quotes', () => {
    const schemaError = z.object({ tokenId: z.string() }).safeParse({}).error;
    expect(schemaError?.message).toMatch(/invalid_type/);
    for (const cause of [schemaError, new TypeError('sk_live_quoted is not a function'), 'thrown text']) {
      const notice = unfinishedWorkNotice('ci', cause);
      expect(notice).toBe('“ci”: what was left open could not be finished now (Unexpected internal error)');
      expect(notice).not.toMatch(/sk_live_quoted|invalid_type|\[/);
    }
  });
});
