/**
 * Issue 9: an expiry no date can show was stored and broke `ls` and `history`. The core refuses
 * it wherever an expiry comes in (the token:add channel, the vault's own validation), with a
 * sentence and without changing the vault.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_EXPIRY_MS } from '../../../src/shared/expiry-bounds';
import { createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';

let f: ApiFixture;
const HUGE = Date.now() + 99_999_999 * 86_400_000;

beforeEach(async () => {
  f = await createApiFixture();
  value(await f.api['tenant:add']({ name: 'acme' }));
  value(await f.api['environment:add']({ tenant: 'acme', name: 'prod' }));
});

afterEach(() => f.close());

describe('expiry bounds in the core', () => {
  it('token:add refuses an expiry past the year 9999 and accepts the last moment of it', async () => {
    const before = f.hashFiles();
    const input = { tenant: 'acme', environment: 'prod', label: 'api', secret: 'sk_test_value_1' };
    const refused = await f.api['token:add']({ ...input, expiresAt: HUGE });
    expect(errorCode(refused)).toBe('INVALID_INPUT');
    expect(refused.ok ? '' : refused.error.message).toContain('The expiry must be no later than the year 9999');
    expect(f.hashFiles()).toBe(before);
    const last = value(await f.api['token:add']({ ...input, expiresAt: LATEST_EXPIRY_MS }));
    expect(last.expiresAt).toBe(LATEST_EXPIRY_MS);
    const listed = value(await f.api['tokens:query']({}));
    expect(listed.map((t) => t.expiryState)).toEqual(['fresh']);
  });

  it('the vault refuses it on its own, for tokens, versions and refreshed secrets', async () => {
    const vault = f.vault();
    const environment = vault.listEnvironments()[0];
    if (!environment) throw new Error('no environment');
    const token = {
      environmentId: environment.id,
      label: 'x',
      kind: 'manual',
      provider: 'manual',
      secret: 's',
    } as const;
    expect(() => vault.addToken({ ...token, expiresAt: HUGE })).toThrow(/no later than the year 9999/);
    const added = vault.addToken(token);
    expect(() => vault.updateToken(added.id, { expiresAt: HUGE })).toThrow(/no later than the year 9999/);
    expect(() => vault.addVersion(added.id, 'next', { expiresAt: HUGE })).toThrow(/no later than the year 9999/);
    const current = vault.listVersions(added.id)[0];
    if (!current) throw new Error('no version');
    expect(() => vault.replaceSecret(current.id, 'fresh', HUGE)).toThrow(/no later than the year 9999/);
    expect(vault.getToken(added.id).expiresAt).toBeNull();
  });
});
