/**
 * Hostile text reaches the core through the same handlers the window and the CLI use: names and
 * labels with bidi controls or zero-width characters are refused by the vault's validation with a
 * sentence, and nothing is written. Every channel's input problems are sentences, too.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../src/shared/ipc';
import { createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';

let f: ApiFixture;
const RLO = 'Acme \u202Edorp';

beforeEach(async () => {
  f = await createApiFixture();
  value(await f.api['tenant:add']({ name: 'acme' }));
  value(await f.api['environment:add']({ tenant: 'acme', name: 'prod', kind: 'production' }));
});

afterEach(() => f.close());

function refusal(result: { ok: boolean; error?: { code: string; message: string } }): string {
  if (result.ok || result.error === undefined) throw new Error('expected a refusal');
  expect(result.error.code).toBe('INVALID_INPUT');
  return result.error.message;
}

describe('hostile names and labels', () => {
  it('refuses a bidi override in every kind of name with one sentence, and writes nothing', async () => {
    const tenant = f.vault().findTenant('acme');
    const environment = tenant && f.vault().findEnvironment(tenant.id, 'prod');
    if (!tenant || !environment) throw new Error('seed missing');
    const token = value(await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'ci', secret: 's1' }));
    const before = f.hashFiles();
    const refused = [
      await f.api['tenant:add']({ name: RLO }),
      await f.api['tenant:rename']({ tenantId: tenant.id, name: RLO }),
      await f.api['environment:add']({ tenant: 'acme', name: RLO }),
      await f.api['environment:update']({ environmentId: environment.id, name: RLO }),
      await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: RLO, secret: 's2' }),
      await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'x', secret: 's3', tags: [RLO] }),
      await f.api['token:update']({ tokenId: token.id, label: RLO }),
      await f.api['token:update']({ tokenId: token.id, tags: ['ok', 'zero\u200Bwidth'] }),
    ].map(refusal);
    for (const message of refused) {
      expect(message).toMatch(
        /^The (tenant name|environment name|name|label|tags[^.]*) must not contain invisible or direction-changing characters; found U\+/,
      );
      expect(message).toMatch(/\.$/);
      expect(message).not.toContain('\u202E');
    }
    expect(refused[0]).toBe(
      'The tenant name must not contain invisible or direction-changing characters; found U+202E (right-to-left override). Retype it without them.',
    );
    expect(f.hashFiles()).toBe(before);
    console.log(`${refused.length} hostile names refused; first: ${refused[0]}`);
  });

  it('still takes emoji, right-to-left scripts and 200-character names', async () => {
    for (const name of ['👩‍💻 team', 'שלום', 'x'.repeat(200)]) {
      expect(value(await f.api['tenant:add']({ name })).name).toBe(name);
    }
    expect(errorCode(await f.api['tenant:add']({ name: 'y'.repeat(201) }))).toBe('INVALID_INPUT');
  });
});

describe('input problems on every channel', () => {
  it('are sentences that name the field, never "Invalid input for …", a channel or a value', async () => {
    const bad: [string, unknown][] = [];
    for (const channel of CHANNELS) {
      bad.push([channel, 'not an object'], [channel, { injected: 'sk-live-value-123' }]);
    }
    for (const [channel, input] of bad) {
      const answer = await f.api[channel as (typeof CHANNELS)[number]](input);
      if (answer.ok) throw new Error(`${channel} took ${JSON.stringify(input)}`);
      const { message } = answer.error;
      expect(message, channel).toMatch(/^[A-Z“].*[.]$/s);
      expect(message, channel).not.toMatch(/Invalid input|sk-live|:\s*(Too|Invalid|Expected)/);
      expect(message, channel).not.toContain(channel);
    }
    const answer = await f.api['vault:create']({ password: 'short' });
    if (answer.ok) throw new Error('a short password was taken');
    expect(answer.error.message).toBe('The master password is too short: use at least 8 characters.');
    console.log(`${bad.length} bad inputs over ${CHANNELS.length} channels, each answered with a sentence`);
  });
});
