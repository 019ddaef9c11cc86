import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createProviderClient } from '../../../src/main/providers';
import type { ProviderClient } from '../../../src/main/providers/types';
import { startSyftHubEmulator } from '../../emulators';
import { Probe } from './probe';

type SyftHubEmulator = Awaited<ReturnType<typeof startSyftHubEmulator>>;

describe('the SyftHub adapter against its emulator', () => {
  const probe = new Probe();
  let emu: SyftHubEmulator;
  let client: ProviderClient;

  const connect = (on = emu): ProviderClient =>
    createProviderClient(
      'syfthub',
      {
        baseUrl: on.url,
        settings: {},
        credential: { kind: 'password', username: on.seed.username, password: on.seed.password },
      },
      probe.deps(),
    );
  const count = (path: string): number => emu.requests.filter((r) => r.path === path).length;

  beforeAll(async () => {
    emu = await startSyftHubEmulator({ now: probe.clock.now });
    probe.secret(emu.seed.password);
    client = connect();
  });
  afterEach(() => emu.clearFaults());
  afterAll(async () => {
    probe.expectNoLeak();
    await emu.close();
  });

  it('logs in with a form, then uses the refresh token before the 30-minute access token expires', async () => {
    const fresh = connect();
    const [logins, refreshes] = [count('/api/v1/auth/login'), count('/api/v1/auth/refresh')];
    const first = probe.value(await fresh.session());
    probe.secret(first.token);
    expect(first.expiresAt).toBe(Math.floor(probe.clock.now() / 1000) * 1000 + 30 * 60_000);
    probe.clock.advance(26 * 60_000);
    const second = probe.value(await fresh.session());
    probe.secret(second.token);
    expect(second.token).not.toBe(first.token);
    expect([count('/api/v1/auth/login') - logins, count('/api/v1/auth/refresh') - refreshes]).toEqual([1, 1]);
  });

  it('logs in with the password again when the refresh token is refused', async () => {
    const fresh = connect();
    probe.secret(probe.value(await fresh.session()).token);
    const logins = count('/api/v1/auth/login');
    emu.inject({
      fault: { kind: 'status', status: 401, body: '{"detail":"Invalid refresh token"}' },
      path: '/api/v1/auth/refresh',
    });
    probe.clock.advance(29 * 60_000);
    probe.secret(probe.value(await fresh.session()).token);
    expect(count('/api/v1/auth/login') - logins).toBe(1);
  });

  it('creates a personal access token shown once, verifies it, lists it and revokes it', async () => {
    // Whole seconds: the emulator, as the server on SQLite, prints this time with no offset.
    const expiresAt = Math.floor(probe.clock.now() / 1000) * 1000 + 30 * 86_400_000;
    const created = probe.value(await client.createKey({ name: 'keyturn:rot-s1', expiresAt }));
    probe.secret(created.secret);
    expect(created).toMatchObject({ name: 'keyturn:rot-s1', kind: 'personal-access-token', expiresAt });
    expect(created.secret).toMatch(/^syft_pat_[A-Za-z0-9_-]{43}$/);
    expect(probe.value(await client.verify(created.secret))).toMatchObject({ identity: emu.seed.username, expiresAt });
    expect(probe.value(await client.listKeys()).find((k) => k.keyId === created.keyId)).toMatchObject({
      isActive: true,
      expiresAt,
    });
    probe.value(await client.revokeKey(created.keyId));
    expect(probe.code(await client.verify(created.secret))).toBe('PROVIDER_UNAUTHORIZED');
    expect(probe.value(await client.listKeys()).some((k) => k.keyId === created.keyId)).toBe(false);
  });

  it('keeps the provider message for unknown ids and past expiries, and says the 50-token limit plainly', async () => {
    const missing = probe.seen(await client.revokeKey('99999'));
    expect(missing.ok || missing.error).toMatchObject({
      code: 'PROVIDER_NOT_FOUND',
      message: expect.stringContaining('API token not found'),
    });
    const past = probe.seen(await client.createKey({ name: 'past', expiresAt: probe.clock.now() - 1000 }));
    expect(past.ok || past.error).toMatchObject({
      code: 'PROVIDER_REJECTED',
      message: expect.stringContaining('Expiration must be in the future'),
    });
    const active = probe.value(await client.listKeys()).length;
    for (let i = active; i < 50; i += 1)
      probe.secret(probe.value(await client.createKey({ name: `fill-${i}`, expiresAt: null })).secret);
    const full = probe.seen(await client.createKey({ name: 'one too many', expiresAt: null }));
    expect(full.ok || full.error).toEqual({
      code: 'PROVIDER_REJECTED',
      message:
        'SyftHub allows at most 50 active personal access tokens per account, and this account has 50. ' +
        'Revoke the ones no longer used (keyturn revoke, or your SyftHub settings), then try again.',
    });
  });

  it('lists past the first page, page by page', async () => {
    const [user] = emu.state.users;
    if (!user) throw new Error('the emulator has a seeded user');
    for (let id = 9000; id < 9170; id += 1) {
      const token = `syft_pat_bulk${id}`;
      emu.state.pats.set(id, {
        id,
        userId: user.id,
        name: `bulk-${id}`,
        token,
        scopes: ['read'],
        expiresAt: null,
        lastUsedAt: null,
        isActive: true,
        createdAt: probe.clock.now(),
        updatedAt: probe.clock.now(),
      });
    }
    const before = emu.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/auth/tokens').length;
    const listed = probe.value(await client.listKeys());
    const pages = emu.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/auth/tokens').length - before;
    console.log(`syfthub pagination: ${listed.length} tokens listed over ${pages} pages`);
    expect(listed).toHaveLength(220);
    expect(new Set(listed.map((k) => k.keyId)).size).toBe(220);
    expect(pages).toBe(3);
  });

  it('renews the session once, through the refresh token, when a call answers 401', async () => {
    probe.value(await client.listKeys());
    const [logins, refreshes] = [count('/api/v1/auth/login'), count('/api/v1/auth/refresh')];
    emu.inject({
      fault: { kind: 'status', status: 401, body: '{"detail":"Could not validate credentials"}' },
      method: 'GET',
      path: '/api/v1/auth/tokens',
    });
    probe.value(await client.listKeys());
    expect([count('/api/v1/auth/login') - logins, count('/api/v1/auth/refresh') - refreshes]).toEqual([0, 1]);
  });

  it('verifies a PAT even where /auth/me refuses PATs', async () => {
    const strict = await startSyftHubEmulator({ now: probe.clock.now, profile: { meAcceptsPat: false } });
    try {
      const c = connect(strict);
      const created = probe.value(await c.createKey({ name: 'keyturn:strict', expiresAt: null }));
      probe.secret(created.secret);
      expect(probe.value(await c.verify(created.secret))).toEqual({ identity: null, expiresAt: null });
      probe.value(await c.revokeKey(created.keyId));
      expect(probe.code(await c.verify(created.secret))).toBe('PROVIDER_UNAUTHORIZED');
    } finally {
      await strict.close();
    }
  });
});
