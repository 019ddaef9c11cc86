import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../src/main/lifecycle/expiry';
import { CLI_CHANNELS } from '../../../src/shared/ipc-cli-channels';
import { createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';

let f: ApiFixture;

beforeEach(async () => {
  f = await createApiFixture();
});

afterEach(() => f.close());

function jwtExpiringAt(ms: number): string {
  const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'u1', exp: Math.floor(ms / 1000) })}.c2ln`;
}

async function seed(): Promise<void> {
  value(await f.api['tenant:add']({ name: 'acme' }));
  value(await f.api['environment:add']({ tenant: 'acme', name: 'prod' }));
  value(await f.api['environment:add']({ tenant: 'acme', name: 'qa', kind: 'test' }));
}

describe('record handlers (tenants, environments, tokens) over a real vault', () => {
  it('refuses "/" in tenant and environment names, which references could never name back', async () => {
    await seed();
    const names = async (): Promise<string[]> =>
      value(await f.api['environments:list']({})).map((e) => `${e.tenantName}/${e.name}`);
    const before = await names();
    const answers = [
      await f.api['tenant:add']({ name: 'acme/eu' }),
      await f.api['environment:add']({ tenant: 'acme', name: 'prod/eu' }),
    ];
    expect(answers.map(errorCode)).toEqual(['INVALID_INPUT', 'INVALID_INPUT']);
    for (const answer of answers) expect(answer.ok ? '' : answer.error.message).toContain('must not contain "/"');
    expect(await names()).toEqual(before);
    const tenant = value(await f.api['tenants:list']({}))[0];
    if (!tenant) throw new Error('no tenant');
    expect(() => f.vault().renameTenant(tenant.id, 'a/b')).toThrow(/must not contain "\/"/);
    expect(value(await f.api['tenant:add']({ name: 'acme eu' })).name).toBe('acme eu');
  });

  it('adds, lists and removes tenants and environments by name, guessing the kind from the name', async () => {
    await seed();
    const tenants = value(await f.api['tenants:list']({}));
    expect(tenants).toEqual([expect.objectContaining({ name: 'acme', environmentCount: 2 })]);
    const environments = value(await f.api['environments:list']({ tenant: 'acme' }));
    expect(environments.map((e) => [e.name, e.kind, e.tenantName])).toEqual([
      ['prod', 'production', 'acme'],
      ['qa', 'test', 'acme'],
    ]);
    expect(errorCode(await f.api['tenant:remove']({ tenant: 'acme' }))).toBe('INVALID_INPUT');
    value(await f.api['environment:remove']({ tenant: 'acme', environment: 'qa' }));
    value(await f.api['environment:remove']({ tenant: 'acme', environment: 'prod' }));
    expect(value(await f.api['tenant:remove']({ tenant: 'acme' }))).toMatchObject({ name: 'acme' });
    expect(errorCode(await f.api['environments:list']({ tenant: 'acme' }))).toBe('NOT_FOUND');
  });

  it('adds a token, recognising a JWT expiry, and never returns its secret', async () => {
    await seed();
    const expiresAt = f.clock.now() + 3 * DAY_MS;
    const secret = jwtExpiringAt(expiresAt);
    const token = value(await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'session', secret }));
    expect(token).toMatchObject({ label: 'session', expirySource: 'jwt' });
    expect(token.expiresAt).toBe(Math.floor(expiresAt / 1000) * 1000);
    const manual = value(
      await f.api['token:add']({
        tenant: 'acme',
        environment: 'prod',
        label: 'stripe',
        secret: 'sk_live_plain_value',
        expiresAt: f.clock.now() + 40 * DAY_MS,
        tags: ['billing'],
      }),
    );
    expect(manual).toMatchObject({ provider: 'manual', expirySource: 'user', tags: ['billing'] });
    const wire = JSON.stringify([token, manual, value(await f.api['tokens:query']({}))]);
    expect(wire).not.toContain(secret);
    expect(wire).not.toContain('sk_live_plain_value');
  });

  it('queries tokens by scope, status and expiry horizon, sorted by reference', async () => {
    await seed();
    const now = f.clock.now();
    const add = (environment: string, label: string, days: number | null) =>
      f.api['token:add']({
        tenant: 'acme',
        environment,
        label,
        secret: `value-${label}`,
        ...(days === null ? {} : { expiresAt: now + days * DAY_MS }),
      });
    value(await add('prod', 'b-soon', 3));
    value(await add('prod', 'a-later', 60));
    value(await add('qa', 'never', null));
    const refs = (rows: readonly { ref: string }[]): string[] => rows.map((r) => r.ref);
    expect(refs(value(await f.api['tokens:query']({})))).toEqual([
      'acme/prod/a-later',
      'acme/prod/b-soon',
      'acme/qa/never',
    ]);
    expect(refs(value(await f.api['tokens:query']({ tenant: 'acme', environment: 'qa' })))).toEqual(['acme/qa/never']);
    expect(refs(value(await f.api['tokens:query']({ expiringWithinDays: 7 })))).toEqual(['acme/prod/b-soon']);
    expect(refs(value(await f.api['tokens:query']({ status: 'unknown' })))).toEqual(['acme/qa/never']);
    expect(errorCode(await f.api['tokens:query']({ environment: 'qa' }))).toBe('INVALID_INPUT');
    expect(errorCode(await f.api['tokens:query']({ tenant: 'nobody' }))).toBe('NOT_FOUND');
  });

  it('lists a token’s versions by reference, newest first, without secrets', async () => {
    await seed();
    const token = value(
      await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'k', secret: 'v1-secret' }),
    );
    const vault = f.vault();
    f.clock.advance(1000);
    const next = vault.addVersion(token.id, 'v2-secret', { status: 'pending' });
    vault.promoteVersion(token.id, next.id);
    const versions = value(
      await f.api['token:history']({ token: { ref: { tenant: 'acme', environment: 'prod', label: 'k' } } }),
    );
    expect(versions.map((v) => v.status)).toEqual(['current', 'previous']);
    expect(JSON.stringify(versions)).not.toMatch(/v[12]-secret/);
    expect(errorCode(await f.api['token:history']({ token: { tokenId: 'missing' } }))).toBe('NOT_FOUND');
  });

  it('answers bad input on every new channel with INVALID_INPUT and leaves the vault file unchanged', async () => {
    await seed();
    value(await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'k', secret: 'the-secret' }));
    const before = f.hashFiles();
    const bad: Record<string, unknown> = { unexpected: 'the-secret', nested: { deep: 1 } };
    let refused = 0;
    for (const channel of Object.keys(CLI_CHANNELS) as (keyof typeof CLI_CHANNELS)[]) {
      const answer = await f.api[channel](bad);
      expect({ channel, code: errorCode(answer) }).toEqual({ channel, code: 'INVALID_INPUT' });
      expect(JSON.stringify(answer)).not.toContain('the-secret');
      refused += 1;
    }
    // Wrong types inside otherwise well-formed input.
    const wrongTypes = [
      await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'x', secret: 42 }),
      await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: '', secret: 'x' }),
      await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'x', secret: 'x', provider: 'aws' }),
      await f.api['environment:add']({ tenant: 'acme', name: 'x', kind: 'prod' }),
      await f.api['import:dotenv']({ tenant: 'acme', environment: 'prod', entries: [] }),
      await f.api['token:secret']({ token: { ref: { tenant: 'acme', environment: 'prod' } }, purpose: 'get' }),
      await f.api['token:secret']({ token: { tokenId: 'x' }, purpose: 'leak' }),
      await f.api['connection:set']({
        tenant: 'acme',
        environment: 'prod',
        provider: 'satori',
        baseUrl: 'http://127.0.0.1:1',
        credential: { kind: 'password', username: 'u' },
      }),
    ];
    for (const answer of wrongTypes) expect(errorCode(answer)).toBe('INVALID_INPUT');
    expect(f.hashFiles()).toBe(before);
    console.log(`${refused + wrongTypes.length} bad inputs refused with INVALID_INPUT; vault files unchanged`);
  });
});
