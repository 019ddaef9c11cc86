/**
 * The Syft Space adapter against both servers: the seed contract's (email and password) and the
 * released one read in OpenMined/syft-space (an admin key, or nothing at all in "dev mode").
 */
import { afterEach, describe, expect, it } from 'vitest';

import { createProviderClient } from '../../../src/main/providers';
import { syftSpaceTokenShape } from '../../../src/main/providers/syft-space';
import type { ProviderConnection } from '../../../src/main/providers/types';
import { startSyftHubEmulator, startSyftSpaceEmulator, type SyftSpaceProfile } from '../../emulators';
import { call, rec } from '../../emulators/http';
import { Probe } from './probe';

type Space = Awaited<ReturnType<typeof startSyftSpaceEmulator>>;
const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

const UNPROTECTED = /accepts any key .*dev mode/;

async function setUp(profile: Partial<SyftSpaceProfile>) {
  const probe = new Probe();
  const space: Space = await startSyftSpaceEmulator({ now: probe.clock.now, profile });
  running.push(space);
  probe.secret(space.seed.password);
  if (space.seed.adminKey !== '') probe.secret(space.seed.adminKey);
  const connect = (credential: ProviderConnection['credential']) =>
    createProviderClient('syft-space', { baseUrl: space.url, settings: {}, credential }, probe.deps());
  const password = { kind: 'password', username: space.seed.email, password: space.seed.password } as const;
  return { probe, space, connect, password, adminKey: { kind: 'token', token: space.seed.adminKey } as const };
}

describe('Syft Space: which server it is, asked at connect', () => {
  it('signs in with email and password where the server speaks the seed contract', async () => {
    const { probe, connect, password, space } = await setUp({ flow: 'seed' });
    expect(probe.value(await connect(password).check())).toEqual({
      identity: space.seed.email,
      notes: ['the server signs in with email and password (the seed contract)'],
    });
  });

  it('says the released server has no email and password sign-in, and takes its admin key', async () => {
    const { probe, connect, password, adminKey } = await setUp({ flow: 'released' });
    const refused = probe.seen(await connect(password).check());
    expect(refused.ok || refused.error).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/no email and password sign-in .*admin API key/),
    });
    expect(probe.value(await connect(adminKey).check())).toEqual({
      identity: 'admin API key',
      notes: ['the server is protected by an admin API key (SYFT_ADMIN_API_KEY)'],
    });
    const wrong = probe.seen(await connect({ kind: 'token', token: 'sk_admin_wrong-guess' }).check());
    expect(wrong.ok || wrong.error).toMatchObject({
      code: 'PROVIDER_UNAUTHORIZED',
      message: 'Syft Space answered 401: Admin API key required',
    });
    probe.expectNoLeak();
  });

  it('warns that a server in dev mode (no admin key) accepts any key, at connect and on verify', async () => {
    const { probe, connect } = await setUp({ flow: 'released', adminApiKey: '' });
    const bogus = { kind: 'token', token: 'any-key-at-all' } as const;
    const checked = probe.value(await connect(bogus).check());
    expect(checked.notes).toHaveLength(1);
    expect(checked.notes[0]).toMatch(UNPROTECTED);
    const verified = probe.value(await connect(bogus).verify('not-the-key'));
    expect(verified.notes?.[0]).toMatch(UNPROTECTED);
  });

  it('warns too where a seed server runs its admin routes without a key', async () => {
    const { probe, connect } = await setUp({ flow: 'seed', adminApiKey: '' });
    expect(probe.value(await connect({ kind: 'token', token: 'x-key' }).verify('x-key')).notes?.[0]).toMatch(
      UNPROTECTED,
    );
  });

  it('does not warn when the server refuses a key nobody has', async () => {
    const { probe, connect, space } = await setUp({ flow: 'released' });
    expect(
      probe.value(await connect({ kind: 'token', token: space.seed.adminKey }).verify(space.seed.adminKey)),
    ).toEqual({ identity: 'admin API key', expiresAt: null });
  });

  it('tells a SyftHub satellite JWT from a session JWT by its claims', async () => {
    const hub = await startSyftHubEmulator();
    running.push(hub);
    const login = await call(`${hub.url}/api/v1/auth/login`, {
      method: 'POST',
      form: { username: hub.seed.username, password: hub.seed.password },
    });
    const access = String(rec(login.body).access_token);
    const minted = await call(`${hub.url}/api/v1/token?aud=${hub.seed.username}`, { token: access });
    expect(syftSpaceTokenShape(String(rec(minted.body).target_token))).toBe('satellite-token');
    expect(syftSpaceTokenShape('sat_live_abcdefghijklmnop')).toBe('satellite-token');
    expect(syftSpaceTokenShape('sk_admin_abcdef')).toBe('admin-key');
    const { probe, connect, password } = await setUp({ flow: 'seed' });
    const session = probe.value(await connect(password).session());
    expect(syftSpaceTokenShape(session.token)).toBe('session-jwt');
  });
});

describe('the Syft Space emulator’s released server', () => {
  it('answers 401 "Admin API key required" on every route but the public ones, /auth included', async () => {
    const { space } = await setUp({ flow: 'released' });
    const me = await call(`${space.url}/api/v1/auth/me`);
    expect([me.status, me.body]).toEqual([401, { detail: 'Admin API key required' }]);
    expect((await call(`${space.url}/api/v1/tenants`, { token: space.seed.adminKey })).status).toBe(200);
    expect((await call(`${space.url}/api/v1/auth/me`, { token: space.seed.adminKey })).status).toBe(404);
    expect((await call(`${space.url}/api/v1/health`)).body).toEqual({ status: 'healthy', version: '0.1.0' });
  });

  it('checks nothing without an admin key: anything passes, unknown routes are 404', async () => {
    const { space } = await setUp({ flow: 'released', adminApiKey: '' });
    expect((await call(`${space.url}/api/v1/tenants`, { token: 'whatever' })).status).toBe(200);
    expect((await call(`${space.url}/api/v1/auth/login`, { method: 'POST', json: {} })).status).toBe(404);
  });
});
