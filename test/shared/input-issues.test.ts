/**
 * Issue 9: refused input was reported with internal names ("Invalid input for vault:create:
 * password: …", "entries.1.1: Too big"). Every channel's refusal is now a sentence naming the
 * field in words (shared/input-sentences.ts), and the vault's own validation speaks the same way.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/main/api';
import { makeHandler } from '../../src/main/api/handler';
import { createVault } from '../../src/main/vault/index';
import { CHANNELS, type Channel } from '../../src/shared/ipc';
import { tempDir } from '../support/temp-dir';
import { TEST_KDF_POLICY } from '../support/vault-policy';

const context = {} as AppContext;

async function refusal(channel: Channel, input: unknown): Promise<string> {
  const answer = await makeHandler(channel, () => Promise.reject(new Error('the body must not run')), context)(input);
  if (answer.ok || answer.error.code !== 'INVALID_INPUT')
    throw new Error(`${channel} accepted ${JSON.stringify(input)}`);
  return answer.error.message;
}

const INTERNAL = [/[a-z]+:[a-z-]+/, /\w\.\d/, /Too (big|small)/, /Invalid (input|option)/, /Unrecognized/, /^[a-z]/];

describe('refused input, in sentences', () => {
  it('names no channel, path or zod wording for any channel', async () => {
    let checked = 0;
    for (const channel of CHANNELS) {
      for (const input of [{ unexpected: true }, 'text', [1, 2]]) {
        const message = await refusal(channel, input);
        for (const pattern of INTERNAL)
          expect({ channel, message, pattern }).not.toEqual({
            channel,
            message: expect.stringMatching(pattern),
            pattern,
          });
        checked += 1;
      }
    }
    console.log(`${checked} refusals over ${CHANNELS.length} channels read as sentences`);
  });

  it('says what is wrong with the field, in words', async () => {
    expect(await refusal('vault:create', { password: 'short' })).toBe(
      'The master password is too short: use at least 8 characters.',
    );
    expect(await refusal('vault:unlock', { password: '' })).toBe('Enter the master password.');
    expect(await refusal('token:add', { tenant: 'a', environment: 'b', label: 'x'.repeat(501), secret: 's' })).toBe(
      'The label is too long: at most 500 characters.',
    );
    expect(
      await refusal('import:dotenv', {
        tenant: 'a',
        environment: 'b',
        entries: [
          ['A', 'v'],
          ['B', 'x'.repeat(70_000)],
        ],
      }),
    ).toBe('The value of variable 2 is too long: at most 65536 characters.');
    expect(await refusal('tokens:query', { environment: 'prod' })).toBe(
      'An environment is named within a tenant: give the tenant too.',
    );
    expect(await refusal('audit:list', { limit: 200_000 })).toBe('The number of rows must be at most 100000.');
    expect(await refusal('token:copy-fresh', { token: { tokenId: 't' }, clearAfterSeconds: 0 })).toBe(
      'The clipboard delay in seconds must be at least 1.',
    );
    expect(await refusal('token:add', { tenant: 'a', environment: 'b', label: 'l' })).toBe(
      'The token value is missing.',
    );
    expect(await refusal('vault:lock', 'text')).toBe('The request must be a set of fields.');
    expect(await refusal('environment:add', { tenant: 'a', name: 'b', kind: 'weird' })).toBe(
      'The kind must be one of “production”, “staging”, “development”, “test” or “custom”.',
    );
  });

  it('speaks the same way from the vault’s own validation', () => {
    const { vault } = createVault(join(tempDir('issues'), 'vault.db'), 'issue password', {
      policy: TEST_KDF_POLICY,
      kdf: 'floor',
    });
    expect(() => vault.addTenant('  ')).toThrow('The tenant name must not be empty.');
    expect(() => vault.addTenant('a\u0007b')).toThrow('The tenant name must not contain control characters.');
    expect(() => vault.addEnvironment('', 'prod', 'production')).toThrow('Enter the tenant.');
    const tenant = vault.addTenant('acme');
    const env = vault.addEnvironment(tenant.id, 'prod', 'production');
    expect(() =>
      vault.addToken({
        environmentId: env.id,
        label: 'x'.repeat(201),
        kind: 'manual',
        provider: 'manual',
        secret: 's',
      }),
    ).toThrow('The label must be at most 200 characters.');
    vault.lock();
  });
});
