import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSatoriEmulator } from '../../emulators/satori-emulator';
import { createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';

let f: ApiFixture;
let satori: Awaited<ReturnType<typeof startSatoriEmulator>>;
const ci = { token: { ref: { tenant: 'acme', environment: 'prod', label: 'ci' } } };

async function accepted(key: string): Promise<number> {
  const response = await fetch(`${satori.url}/api/tenants/${satori.seed.tenantId}/`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return response.status;
}

beforeAll(async () => {
  satori = await startSatoriEmulator();
});

afterAll(async () => {
  await satori.close();
});

beforeEach(async () => {
  f = await createApiFixture();
  value(await f.api['tenant:add']({ name: 'acme' }));
  value(await f.api['environment:add']({ tenant: 'acme', name: 'prod' }));
});

afterEach(() => f.close());

describe('lifecycle handlers against the Satori emulator', () => {
  it('connects, creates, rotates (old key refused), verifies and revokes, reporting each step', async () => {
    const set = value(
      await f.api['connection:set']({
        tenant: 'acme',
        environment: 'prod',
        provider: 'satori',
        baseUrl: satori.url,
        settings: { tenantId: satori.seed.tenantId },
        credential: { kind: 'token', token: satori.seed.bootstrapToken },
      }),
    );
    expect(set).toMatchObject({ created: true, connection: { provider: 'satori', credentialKind: 'token' } });
    expect(JSON.stringify(set)).not.toContain(satori.seed.bootstrapToken);

    const created = value(await f.api['token:create']({ tenant: 'acme', environment: 'prod', label: 'ci' }));
    expect(created.status).toBe('done');
    const first = value(await f.api['token:secret']({ ...ci, purpose: 'get' })).secret;
    expect(await accepted(first)).toBe(200);

    f.progress.length = 0;
    const rotated = value(await f.api['token:rotate'](ci));
    expect(rotated.token?.providerKeyId).not.toBe(created.token?.providerKeyId);
    const steps = f.progress.flatMap((e) => (e.kind === 'step' ? [e.step] : []));
    expect(steps).toEqual(expect.arrayContaining(['created', 'tested', 'promoted', 'done']));
    expect(f.progress.some((e) => e.kind === 'call')).toBe(true);
    const second = value(await f.api['token:secret']({ ...ci, purpose: 'get' })).secret;
    expect(second).not.toBe(first);
    expect(await accepted(second)).toBe(200);
    expect(await accepted(first)).toBe(401);

    expect(value(await f.api['token:verify'](ci))).toMatchObject({ valid: true });
    const revoked = value(await f.api['token:revoke'](ci));
    expect(revoked.token?.revoked).toBe(true);
    expect(await accepted(second)).toBe(401);
    expect(errorCode(await f.api['token:secret']({ ...ci, purpose: 'get' }))).toBe('TOKEN_REVOKED');
    console.log(`rotation steps reported: ${steps.join(' → ')}`);
  });

  it('does not create a token the provider did not answer for, then or later, and says so', async () => {
    value(
      await f.api['connection:set']({
        tenant: 'acme',
        environment: 'prod',
        provider: 'satori',
        baseUrl: satori.url,
        settings: { tenantId: satori.seed.tenantId },
        credential: { kind: 'token', token: satori.seed.bootstrapToken },
      }),
    );
    satori.inject({ fault: { kind: 'status', status: 503 }, times: 1000 });
    const answer = await f.api['token:create']({ tenant: 'acme', environment: 'prod', label: 'later' });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'PROVIDER_UNAVAILABLE',
        message: expect.stringMatching(/^Not created: .*revoked once it answers/),
      },
    });
    // Only the sweep for a key it may have made is left open, never the create itself.
    const summary = value(await f.api['vault:summary']({}));
    expect(summary.unfinished).toMatchObject([{ operation: 'create', step: 'planned', running: false }]);
    satori.clearFaults();
    const report = value(await f.api['journals:reconcile']({}));
    expect(report).toMatchObject({
      unfinished: 0,
      entries: [{ operation: 'create', ref: 'acme/prod/later', status: 'failed' }],
    });
    expect(value(await f.api['tokens:query']({ tenant: 'acme' }))).toEqual([]);
    expect(satori.state.activeKeys().filter((key) => key.name.startsWith('keyturn:later:'))).toEqual([]);
  });

  it('revokes in the vault at once when the provider is down, says so, and finishes at the provider later', async () => {
    value(
      await f.api['connection:set']({
        tenant: 'acme',
        environment: 'prod',
        provider: 'satori',
        baseUrl: satori.url,
        settings: { tenantId: satori.seed.tenantId },
        credential: { kind: 'token', token: satori.seed.bootstrapToken },
      }),
    );
    value(await f.api['token:create']({ tenant: 'acme', environment: 'prod', label: 'ci' }));
    const leaked = value(await f.api['token:secret']({ ...ci, purpose: 'get' })).secret;
    satori.inject({ fault: { kind: 'status', status: 503 }, times: 1000 });
    const answer = await f.api['token:revoke'](ci);
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'PROVIDER_UNAVAILABLE',
        message: expect.stringMatching(/^Revoked in Keyturn .*not yet at the provider/),
      },
    });
    expect(errorCode(await f.api['token:secret']({ ...ci, purpose: 'get' }))).toBe('TOKEN_REVOKED');
    satori.clearFaults();
    expect(await accepted(leaked)).toBe(200);
    expect(value(await f.api['journals:reconcile']({}))).toMatchObject({
      unfinished: 0,
      entries: [{ status: 'done' }],
    });
    expect(await accepted(leaked)).toBe(401);
  });

  it('says when an environment is not connected', async () => {
    const answer = await f.api['token:create']({ tenant: 'acme', environment: 'prod', label: 'ci' });
    expect(errorCode(answer)).toBe('NOT_FOUND');
  });
});
