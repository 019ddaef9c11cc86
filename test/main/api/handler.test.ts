import { describe, expect, it } from 'vitest';
import { KeyturnError } from '../../../src/shared/errors';
import { makeHandler, type HandlerBody } from '../../../src/main/api/handler';
import type { AppContext } from '../../../src/main/api';

// The pattern itself does not touch the context; the vault-backed handlers are tested in api.test.ts.
const context = {} as AppContext;

describe('handler pattern', () => {
  it('parses input before the body runs and answers INVALID_INPUT without echoing values', async () => {
    let ran = false;
    const body: HandlerBody<'vault:unlock'> = () => {
      ran = true;
      return { state: 'locked', tokenCount: 0, expiringSoon: 0 };
    };
    const handler = makeHandler('vault:unlock', body, context);
    const wrongType = await handler({ password: 12345678 });
    const extraField = await handler({ password: 'hunter2-secret', admin: true });
    expect(ran).toBe(false);
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(extraField).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(extraField)).not.toContain('hunter2-secret');
    expect(JSON.stringify(wrongType)).not.toContain('12345678');
  });

  it('passes parsed input to the body and wraps its value as ok', async () => {
    const handler = makeHandler('tokens:search', ({ query }) => [{ query }] as never, context);
    await expect(handler({ query: 'acme' })).resolves.toEqual({ ok: true, value: [{ query: 'acme' }] });
  });

  it('treats a missing input as an empty object for channels without fields', async () => {
    const handler = makeHandler('vault:status', () => ({ state: 'missing' as const, path: '/v.db' }), context);
    await expect(handler(undefined)).resolves.toEqual({ ok: true, value: { state: 'missing', path: '/v.db' } });
  });

  it('turns a KeyturnError into its code and message', async () => {
    const handler = makeHandler(
      'token:copy',
      () => {
        throw new KeyturnError('NOT_FOUND', 'No such token');
      },
      context,
    );
    await expect(handler({ tokenId: 't1' })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such token' },
    });
  });

  it('turns any other throwable into INTERNAL with a fixed message', async () => {
    const handler = makeHandler(
      'token:reveal',
      async () => {
        throw new Error('sqlite said: secret sk-live-abc in row 3');
      },
      context,
    );
    const answer = await handler({ tokenId: 't1' });
    expect(answer).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Unexpected internal error' } });
  });
});
