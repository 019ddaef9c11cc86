/**
 * The SyftHub adapter against the emulator's behaviours read in the real server's source:
 * offset-less times, the login rate limit with a bare 429, sessions kept between processes,
 * logout, expiry and scopes at create, a PAT as the management credential.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { createProviderClient } from '../../../src/main/providers';
import type { ProviderClient, ProviderConnection, SessionStore } from '../../../src/main/providers/types';
import { startSyftHubEmulator, type SyftHubProfile } from '../../emulators';
import { Probe } from './probe';

type Hub = Awaited<ReturnType<typeof startSyftHubEmulator>>;

/** What the vault does for a connection, in memory: one stored session, shared by every client. */
class MemoryStore implements SessionStore {
  value: string | null = null;
  saves = 0;
  load(): string | null {
    return this.value;
  }
  save(value: string | null): void {
    this.saves += 1;
    this.value = value;
  }
}

const running: Hub[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function setUp(profile: Partial<SyftHubProfile> = {}) {
  const probe = new Probe();
  const hub = await startSyftHubEmulator({ now: probe.clock.now, profile });
  running.push(hub);
  probe.secret(hub.seed.password, hub.seed.googlePat);
  const connect = (extra: Partial<ProviderConnection> = {}): ProviderClient =>
    createProviderClient(
      'syfthub',
      {
        baseUrl: hub.url,
        settings: {},
        credential: { kind: 'password', username: hub.seed.username, password: hub.seed.password },
        ...extra,
      },
      probe.deps(),
    );
  const count = (path: string): number => hub.requests.filter((r) => r.path === path).length;
  return { probe, hub, connect, count };
}

describe('the SyftHub adapter against the real server’s behaviours', () => {
  it('reads the offset-less times SQLite gives back as UTC, whatever this computer’s time zone', async () => {
    const { probe, connect } = await setUp();
    expect(new Date(probe.clock.now()).getTimezoneOffset()).not.toBe(0);
    const client = connect();
    const expiresAt = Date.UTC(2030, 5, 1, 12, 0, 0);
    const created = probe.value(await client.createKey({ name: 'utc', expiresAt }));
    expect(created.expiresAt).toBe(expiresAt);
    const listed = probe.value(await client.listKeys()).find((k) => k.keyId === created.keyId);
    expect(listed).toMatchObject({ expiresAt, createdAt: probe.clock.now() });
    probe.secret(created.secret);
    probe.expectNoLeak();
  });

  it('keeps the session in the store, so a second client (another process) refreshes instead of logging in', async () => {
    const { probe, connect, count } = await setUp();
    const store = new MemoryStore();
    probe.value(await connect({ sessionStore: store }).listKeys());
    expect(count('/api/v1/auth/login')).toBe(1);
    expect(store.value).toEqual(expect.stringContaining('refresh'));
    for (let i = 0; i < 12; i += 1) probe.value(await connect({ sessionStore: store }).listKeys());
    expect(count('/api/v1/auth/login')).toBe(1);
    probe.clock.advance(31 * 60_000);
    probe.value(await connect({ sessionStore: store }).listKeys());
    expect([count('/api/v1/auth/login'), count('/api/v1/auth/refresh')]).toEqual([1, 1]);
    console.log(`syfthub: 14 clients on one stored session: 1 login, 1 refresh, ${store.saves} saves`);
  });

  it('waits out the login window on a 429 without Retry-After, saying so, instead of failing', async () => {
    const { probe, connect, count } = await setUp();
    for (let i = 0; i < 10; i += 1) probe.value(await connect().session());
    const started = probe.clock.now();
    const session = probe.value(await connect().session());
    expect(session.token.split('.')).toHaveLength(3);
    expect(probe.clock.now() - started).toBe(60_000);
    expect(probe.progress).toEqual([
      'SyftHub allows 10 logins a minute from one address: waiting 60 s before attempt 2 of 4',
    ]);
    expect(count('/api/v1/auth/login')).toBe(12);
  });

  it('hands the window back when the limit outlasts every retry', async () => {
    const { probe, connect, hub } = await setUp();
    hub.inject({ fault: { kind: 'rate-limit' }, path: '/api/v1/auth/login', times: 4 });
    const refused = probe.seen(await connect().session());
    expect(refused.ok || refused.error).toMatchObject({
      code: 'PROVIDER_RATE_LIMITED',
      retryAfterSeconds: 60,
      message: expect.stringMatching(/429.*gave up after 4 attempts/),
    });
  });

  it('ends a session at the server with POST /auth/logout: the token stops working', async () => {
    const { probe, connect, hub } = await setUp();
    const client = connect();
    const { token } = probe.value(await client.session());
    probe.secret(token);
    expect(probe.value(await client.verify(token)).identity).toBe(hub.seed.username);
    if (client.endSession === undefined) throw new Error('SyftHub ends sessions');
    probe.value(await client.endSession(token));
    expect(probe.code(await client.verify(token))).toBe('PROVIDER_UNAUTHORIZED');
    expect(hub.state.blacklist.has(token)).toBe(true);
    // The client's own session was that token: it renews instead of using it again.
    probe.clock.advance(1000);
    probe.value(await client.listKeys());
    probe.value(await client.endSession(token));
  });

  it('creates with the narrowest scope and an expiry (90 days unless asked), or the scopes the connection names', async () => {
    const { probe, connect, hub } = await setUp();
    const created = probe.value(await connect().createKey({ name: 'default', expiresAt: null }));
    probe.secret(created.secret);
    expect(created.expiresAt).toBe(Math.floor(probe.clock.now() / 1000) * 1000 + 90 * 86_400_000);
    expect(hub.state.pats.get(Number(created.keyId))?.scopes).toEqual(['read']);
    const writer = connect({ settings: { scopes: 'write' } });
    const wide = probe.value(await writer.createKey({ name: 'wide', expiresAt: null }));
    probe.secret(wide.secret);
    expect(hub.state.pats.get(Number(wide.keyId))?.scopes).toEqual(['write']);
    const bad = probe.seen(await connect({ settings: { scopes: 'admin' } }).createKey({ name: 'x', expiresAt: null }));
    expect(bad.ok || bad.error.code).toBe('INVALID_INPUT');
  });

  it('tells a PAT that never expires from one whose expiry it cannot see', async () => {
    const { probe, connect, hub } = await setUp();
    const client = connect({ credential: { kind: 'token', token: hub.seed.googlePat } });
    expect(probe.value(await client.verify(hub.seed.googlePat))).toEqual({
      identity: hub.seed.googleUsername,
      expiresAt: null,
      neverExpires: true,
    });
  });

  it('manages PATs with a PAT as the credential (a Google account has no password) and never logs in', async () => {
    const { probe, connect, hub, count } = await setUp();
    const client = connect({ credential: { kind: 'token', token: hub.seed.googlePat } });
    expect(probe.value(await client.check())).toEqual({
      identity: hub.seed.googleUsername,
      notes: ['signs in with a personal access token (no password kept)'],
    });
    const created = probe.value(await client.createKey({ name: 'keyturn:by-pat', expiresAt: null }));
    probe.secret(created.secret);
    expect(probe.value(await client.listKeys()).map((k) => k.name)).toContain('keyturn:by-pat');
    probe.value(await client.revokeKey(created.keyId));
    expect(probe.code(await client.verify(created.secret))).toBe('PROVIDER_UNAUTHORIZED');
    expect(probe.code(await client.session())).toBe('PROVIDER_UNSUPPORTED');
    expect(count('/api/v1/auth/login')).toBe(0);
    probe.expectNoLeak();
  });

  it('checks a password connection by signing in, and refuses a wrong password', async () => {
    const { probe, connect, hub } = await setUp();
    expect(probe.value(await connect().check())).toEqual({ identity: hub.seed.username, notes: [] });
    const wrong = connect({ credential: { kind: 'password', username: hub.seed.username, password: 'nope' } });
    const refused = probe.seen(await wrong.check());
    expect(refused.ok || refused.error).toEqual({
      code: 'PROVIDER_UNAUTHORIZED',
      message: 'SyftHub answered 401: Invalid credentials',
    });
  });
});
