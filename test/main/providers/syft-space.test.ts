import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createSyftSpaceClient, type SyftSpaceClient } from '../../../src/main/providers/syft-space';
import { createProviderClient } from '../../../src/main/providers';
import { startSyftSpaceEmulator } from '../../emulators';
import { Probe } from './probe';

type SyftSpaceEmulator = Awaited<ReturnType<typeof startSyftSpaceEmulator>>;

describe('the Syft Space adapter against its emulator', () => {
  const probe = new Probe();
  let emu: SyftSpaceEmulator;
  let client: SyftSpaceClient;

  const connect = (email: string, password: string, settings: Record<string, string> = {}): SyftSpaceClient =>
    createSyftSpaceClient(
      { baseUrl: emu.url, settings, credential: { kind: 'password', username: email, password } },
      probe.deps(),
    );
  const logins = (): number => emu.requests.filter((r) => r.path === '/api/v1/auth/login').length;

  beforeAll(async () => {
    emu = await startSyftSpaceEmulator({ now: probe.clock.now });
    probe.secret(emu.seed.password, emu.seed.adminKey, emu.seed.satelliteLive, emu.seed.satelliteTest);
    client = connect(emu.seed.email, emu.seed.password, {
      tenantName: emu.seed.tenantName,
      endpointSlug: emu.seed.endpointSlug,
    });
  });
  afterEach(() => emu.clearFaults());
  afterAll(async () => {
    probe.expectNoLeak();
    await emu.close();
  });

  it('registers an account and refuses the same email twice with the provider message', async () => {
    const fresh = connect('new@space.test', 'new password 9', { tenantName: 'new-space' });
    probe.secret('new password 9');
    expect(probe.value(await fresh.register())).toMatchObject({ email: 'new@space.test', tenant_name: 'new-space' });
    const again = probe.seen(await fresh.register());
    expect(again.ok || again.error).toMatchObject({
      code: 'PROVIDER_REJECTED',
      message: expect.stringContaining('Email already registered'),
    });
    expect(probe.value(await fresh.me()).tenant_name).toBe('new-space');
  });

  it('logs in for a one-hour JWT, reuses it, and logs in again within 5 minutes of expiry or after it', async () => {
    const fresh = connect(emu.seed.email, emu.seed.password);
    const before = logins();
    const first = probe.value(await fresh.session());
    probe.secret(first.token);
    expect(first.expiresAt).toBe(Math.floor(probe.clock.now() / 1000) * 1000 + 3600_000);
    probe.clock.advance(50 * 60_000);
    expect(probe.value(await fresh.session()).token).toBe(first.token);
    probe.clock.advance(6 * 60_000);
    const second = probe.value(await fresh.session());
    probe.secret(second.token);
    expect(second.token).not.toBe(first.token);
    probe.clock.advance(2 * 3600_000);
    probe.secret(probe.value(await fresh.session()).token);
    expect(logins() - before).toBe(3);
  });

  it('logs in again and retries once on 401', async () => {
    probe.value(await client.listDatasets());
    const before = logins();
    emu.inject({
      fault: { kind: 'status', status: 401, body: '{"detail":"Not authenticated"}' },
      path: '/api/v1/datasets/',
    });
    expect(probe.value(await client.listDatasets())).toHaveLength(2);
    expect(logins() - before).toBe(1);
  });

  it('reports wrong credentials as UNAUTHORIZED', async () => {
    probe.secret('wrong password 1');
    expect(probe.code(await connect(emu.seed.email, 'wrong password 1').session())).toBe('PROVIDER_UNAUTHORIZED');
  });

  it('sends X-Tenant-Name from the settings, refused until the user has access to that tenant', async () => {
    const other = connect(emu.seed.email, emu.seed.password, { tenantName: emu.seed.otherTenantName });
    expect(probe.code(await other.listDatasets())).toBe('PROVIDER_FORBIDDEN');
    emu.state.grantAccess(emu.seed.email, emu.seed.otherTenantName);
    const datasets = probe.value(await other.listDatasets());
    expect(JSON.stringify(datasets)).toContain(emu.seed.otherTenantName);
    expect(emu.requests.at(-1)?.headers['x-tenant-name']).toBe(emu.seed.otherTenantName);
  });

  it('verifies a session JWT via /auth/me and tells who it belongs to', async () => {
    const session = probe.value(await client.session());
    expect(probe.value(await client.verify(session.token))).toEqual({
      identity: emu.seed.email,
      expiresAt: session.expiresAt,
    });
    const forged = `${session.token.slice(0, -4)}AAAA`;
    probe.secret(forged);
    expect(probe.code(await client.verify(forged))).toBe('PROVIDER_UNAUTHORIZED');
  });

  it('verifies the admin API key via /api/v1/tenants', async () => {
    expect(probe.value(await client.verify(emu.seed.adminKey)).identity).toBe('admin API key');
    expect(probe.code(await client.verify('sk_admin_not-the-right-key'))).toBe('PROVIDER_UNAUTHORIZED');
  });

  it('verifies live and test satellite tokens by a query, and refuses a revoked one', async () => {
    probe.value(await client.verify(emu.seed.satelliteLive));
    probe.value(await client.verify(emu.seed.satelliteTest));
    emu.state.revokeSatellite(emu.seed.satelliteTest);
    expect(probe.code(await client.verify(emu.seed.satelliteTest))).toBe('PROVIDER_UNAUTHORIZED');
    const noSlug = connect(emu.seed.email, emu.seed.password);
    expect(probe.code(await noSlug.verify(emu.seed.satelliteLive))).toBe('INVALID_INPUT');
  });

  it('has no token API: create, list and revoke are PROVIDER_UNSUPPORTED', async () => {
    const generic = createProviderClient(
      'syft-space',
      { baseUrl: emu.url, settings: {}, credential: { kind: 'none' } },
      probe.deps(),
    );
    expect(probe.code(await generic.createKey({ name: 'x', expiresAt: null }))).toBe('PROVIDER_UNSUPPORTED');
    expect(probe.code(await generic.listKeys())).toBe('PROVIDER_UNSUPPORTED');
    expect(probe.code(await generic.revokeKey('1'))).toBe('PROVIDER_UNSUPPORTED');
    expect(probe.code(await generic.session())).toBe('INVALID_INPUT');
  });
});
