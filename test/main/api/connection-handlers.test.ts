/**
 * connection:set checks before it stores: the URL, the provider-side ids, the credential's kind,
 * and the credential itself with the provider. A refusal stores nothing and repeats no secret;
 * a provider out of reach leaves the connection stored as unverified. connection:doctor reports.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startHautAiEmulator, startSatoriEmulator, startSyftHubEmulator } from '../../emulators';
import { createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';

let satori: Awaited<ReturnType<typeof startSatoriEmulator>>;
let f: ApiFixture;

beforeAll(async () => {
  satori = await startSatoriEmulator();
});
afterAll(() => satori.close());
beforeEach(async () => {
  f = await createApiFixture();
  value(await f.api['tenant:add']({ name: 'acme' }));
  value(await f.api['environment:add']({ tenant: 'acme', name: 'prod' }));
});
afterEach(() => f.close());

const satoriInput = (over: Record<string, unknown> = {}) => ({
  tenant: 'acme',
  environment: 'prod',
  provider: 'satori',
  baseUrl: satori.url,
  settings: { tenantId: satori.seed.tenantId },
  credential: { kind: 'token', token: satori.seed.bootstrapToken },
  ...over,
});

describe('connection:set', () => {
  it('refuses URLs that are not https (or http to this computer) or that hold a password, repeating none', async () => {
    const before = f.hashFiles();
    const cases: Array<[string, RegExp]> = [
      ['http://example.com', /only to this computer/],
      ['ftp://127.0.0.1/', /must start with https:\/\/ \(ftp/],
      ['https://admin:hunter2-kqz@hub.example', /must not hold a user name or password/],
      ['https://hub.example/?token=kqz-in-query', /must not have a query/],
      ['not a url', /not a URL/],
    ];
    for (const [baseUrl, message] of cases) {
      const answer = await f.api['connection:set'](satoriInput({ baseUrl }));
      expect(answer.ok).toBe(false);
      if (answer.ok) continue;
      expect(answer.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(message) });
      expect(answer.error.message).not.toMatch(/hunter2|kqz/);
    }
    expect(satori.requests.length).toBe(0);
    expect(f.hashFiles()).toBe(before);
  });

  it('refuses a missing provider id and a credential of the wrong kind before asking the provider', async () => {
    const missing = await f.api['connection:set'](satoriInput({ settings: {} }));
    expect(missing.ok || missing.error.message).toBe('A satori connection needs --tenant-id (setting "tenantId")');
    const wrongKind = await f.api['connection:set'](
      satoriInput({ credential: { kind: 'password', username: 'u', password: 'p' } }),
    );
    expect(wrongKind.ok || wrongKind.error.message).toBe(
      'A satori connection takes a token, not a user name and password',
    );
    expect(satori.requests.length).toBe(0);
  });

  it('refuses a token or a tenant id the provider refuses, storing nothing and repeating no secret', async () => {
    // Reads have run (the environment was looked up), so the -shm file may differ: compare contents.
    const audit = f.vault().listAudit({ limit: 1000 }).length;
    const badToken = await f.api['connection:set'](
      satoriInput({ credential: { kind: 'token', token: 'kqz-not-a-token' } }),
    );
    expect(errorCode(badToken)).toBe('PROVIDER_UNAUTHORIZED');
    expect(badToken.ok || badToken.error.message).toMatch(/Nothing was stored\.$/);
    expect(JSON.stringify(badToken)).not.toContain('kqz-not-a-token');
    const badTenant = await f.api['connection:set'](satoriInput({ settings: { tenantId: satori.seed.otherTenantId } }));
    expect(errorCode(badTenant)).toBe('PROVIDER_FORBIDDEN');
    expect(f.vault().listConnections()).toEqual([]);
    expect(f.vault().listAudit({ limit: 1000 })).toHaveLength(audit);
  });

  it('stores a connection it cannot check (the provider is offline) as unverified, and says why', async () => {
    const offline = await startSatoriEmulator();
    const url = offline.url;
    await offline.close();
    const set = value(await f.api['connection:set'](satoriInput({ baseUrl: url })));
    expect(set.created).toBe(true);
    expect(set.check).toMatchObject({ status: 'unverified', reason: expect.stringMatching(/could not reach/) });
  });

  it('verifies a good credential, and keeps the SyftHub session it opened for the next call', async () => {
    expect(value(await f.api['connection:set'](satoriInput())).check).toEqual({
      status: 'verified',
      identity: expect.any(String),
      notes: [],
      reason: null,
    });
    const hub = await startSyftHubEmulator();
    try {
      const set = value(
        await f.api['connection:set']({
          tenant: 'acme',
          environment: 'prod',
          provider: 'syfthub',
          baseUrl: hub.url,
          credential: { kind: 'password', username: hub.seed.username, password: hub.seed.password },
        }),
      );
      expect(set.check).toMatchObject({ status: 'verified', identity: hub.seed.username });
      expect(f.vault().readConnectionSession(set.connection.id)).toEqual(expect.stringContaining('access'));
      value(await f.api['token:create']({ tenant: 'acme', environment: 'prod', label: 'ci', provider: 'syfthub' }));
      expect(hub.requests.filter((r) => r.path === '/api/v1/auth/login')).toHaveLength(1);
    } finally {
      await hub.close();
    }
  });

  it('refuses a Haut.AI company id that is not the account’s', async () => {
    const haut = await startHautAiEmulator();
    try {
      const input = {
        tenant: 'acme',
        environment: 'prod',
        provider: 'haut-ai',
        baseUrl: haut.url,
        credential: { kind: 'password', username: haut.seed.email, password: haut.seed.password },
      };
      const bogus = await f.api['connection:set']({ ...input, settings: { companyId: 'not-their-company' } });
      expect(errorCode(bogus)).toBe('PROVIDER_FORBIDDEN');
      const good = value(await f.api['connection:set']({ ...input, settings: { companyId: haut.seed.companyId } }));
      expect(good.check.status).toBe('verified');
    } finally {
      await haut.close();
    }
  });
});

describe('a provider having a bad day, through the handlers', () => {
  it('reports each retry on the progress port and names the attempts in the error (token:verify)', async () => {
    value(await f.api['connection:set'](satoriInput()));
    value(
      await f.api['token:add']({
        tenant: 'acme',
        environment: 'prod',
        label: 'ci',
        secret: satori.seed.bootstrapToken,
        provider: 'satori',
      }),
    );
    satori.inject({ fault: { kind: 'status', status: 503 }, method: 'GET', times: 10 });
    f.progress.length = 0;
    const answer = await f.api['token:verify']({
      token: { ref: { tenant: 'acme', environment: 'prod', label: 'ci' } },
    });
    satori.clearFaults();
    expect(answer.ok || answer.error).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      message: expect.stringMatching(/^Satori answered 503 \(gave up after 4 attempts in \d+ s\)$/),
    });
    const said = f.progress.flatMap((e) => (e.kind === 'provider' ? [e.message] : []));
    expect(said).toEqual([
      'Satori answered 503; trying again (attempt 2 of 4)',
      'Satori answered 503; trying again (attempt 3 of 4)',
      'Satori answered 503; trying again (attempt 4 of 4)',
    ]);
  });
});

describe('connection:doctor', () => {
  it('runs the cheapest checks, then a whole lifecycle on throwaway keys it leaves revoked', async () => {
    value(await f.api['connection:set'](satoriInput()));
    const live = (): number => satori.state.activeKeys().length;
    const before = live();
    const quick = value(await f.api['connection:doctor']({ tenant: 'acme', environment: 'prod' }));
    expect(quick.ok).toBe(true);
    expect(quick.checks.map((c) => c.name)).toEqual(['credential', 'list keys']);
    const full = value(await f.api['connection:doctor']({ tenant: 'acme', environment: 'prod', lifecycle: true }));
    expect(full.checks.map((c) => [c.name, c.status])).toEqual([
      ['credential', 'ok'],
      ['list keys', 'ok'],
      ['create', 'ok'],
      ['rotate: create the new key', 'ok'],
      ['rotate: revoke the old key', 'ok'],
      ['revoke', 'ok'],
    ]);
    expect(live()).toBe(before);
    expect(JSON.stringify(full)).not.toContain(satori.seed.bootstrapToken);
  });

  it('revokes keys an interrupted run left, and fails the credential check once the credential dies', async () => {
    value(await f.api['connection:set'](satoriInput()));
    satori.state.issueToken(satori.seed.tenantId, 'keyturn-doctor-left-1');
    const swept = value(await f.api['connection:doctor']({ tenant: 'acme', environment: 'prod', lifecycle: true }));
    expect(swept.checks).toContainEqual({
      name: 'leftovers',
      status: 'ok',
      detail: 'revoked 1 of 1 keys an interrupted doctor run left',
    });
    expect(satori.state.activeKeys().some((k) => k.name.startsWith('keyturn-doctor-'))).toBe(false);
    const token = [...satori.state.tokens.values()].find((t) => t.name === 'bootstrap');
    if (token === undefined) throw new Error('the seed has a bootstrap token');
    token.isActive = false;
    try {
      const failed = value(await f.api['connection:doctor']({ tenant: 'acme', environment: 'prod', lifecycle: true }));
      expect(failed.ok).toBe(false);
      expect(failed.checks[0]).toMatchObject({ name: 'credential', status: 'fail' });
      expect(failed.checks.at(-1)).toEqual({
        name: 'lifecycle',
        status: 'skip',
        detail: 'the credential does not work',
      });
    } finally {
      token.isActive = true;
    }
  });
});
