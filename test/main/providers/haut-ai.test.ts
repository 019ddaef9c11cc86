import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createProviderClient } from '../../../src/main/providers';
import { HAUT_AI_DEFAULT_EXPIRY_DAYS } from '../../../src/main/providers/haut-ai';
import type { ProviderClient, ProviderConnection } from '../../../src/main/providers/types';
import { startHautAiEmulator } from '../../emulators';
import { Probe } from './probe';

type HautAiEmulator = Awaited<ReturnType<typeof startHautAiEmulator>>;
const DAY = 86_400_000;

describe('the Haut.AI adapter against its emulator', () => {
  const probe = new Probe();
  let emu: HautAiEmulator;
  let client: ProviderClient;

  const connect = (credential: ProviderConnection['credential']): ProviderClient =>
    createProviderClient(
      'haut-ai',
      { baseUrl: emu.url, settings: { companyId: emu.seed.companyId }, credential },
      probe.deps(),
    );
  const logins = (): number => emu.requests.filter((r) => r.path === '/api/v1/auth/login/').length;

  beforeAll(async () => {
    emu = await startHautAiEmulator({ now: probe.clock.now });
    probe.secret(emu.seed.password, emu.seed.mfaPassword);
    client = connect({ kind: 'password', username: emu.seed.email, password: emu.seed.password });
  });
  afterEach(() => emu.clearFaults());
  afterAll(async () => {
    probe.expectNoLeak();
    await emu.close();
  });

  it('logs in for a short token, reuses it, and logs in again 5 minutes before it expires', async () => {
    const fresh = connect({ kind: 'password', username: emu.seed.email, password: emu.seed.password });
    const before = logins();
    const first = probe.value(await fresh.session());
    probe.secret(first.token);
    expect(first.expiresAt).toBe(Math.floor(probe.clock.now() / 1000) * 1000 + 3600_000);
    expect(probe.value(await fresh.session()).token).toBe(first.token);
    probe.clock.advance(54 * 60_000);
    expect(probe.value(await fresh.session()).token).toBe(first.token);
    probe.clock.advance(2 * 60_000);
    const second = probe.value(await fresh.session());
    probe.secret(second.token);
    expect(second.token).not.toBe(first.token);
    expect(logins() - before).toBe(2);
  });

  it('shares one login between concurrent callers', async () => {
    const fresh = connect({ kind: 'password', username: emu.seed.email, password: emu.seed.password });
    const before = logins();
    const sessions = await Promise.all([1, 2, 3, 4, 5].map(() => fresh.session()));
    expect(new Set(sessions.map((s) => probe.value(s).token)).size).toBe(1);
    for (const session of sessions) probe.secret(probe.value(session).token);
    expect(logins() - before).toBe(1);
  });

  it('logs in again and retries once when the provider answers 401', async () => {
    probe.value(await client.listKeys());
    const before = logins();
    emu.inject({
      fault: {
        kind: 'status',
        status: 401,
        body: '{"type":"client_error","errors":[{"code":"invalid_token","detail":"The provided token is expired or invalid.","attr":null}]}',
      },
      method: 'GET',
      path: '/api/v1/auth/private_tokens/',
    });
    probe.value(await client.listKeys());
    expect(logins() - before).toBe(1);
  });

  it('creates a private token with the default expiry when none is asked, verifies, lists and deletes it', async () => {
    const created = probe.value(await client.createKey({ name: 'keyturn:rot-h1', expiresAt: null }));
    probe.secret(created.secret);
    expect(created.expiresAt).toBe(probe.clock.now() + HAUT_AI_DEFAULT_EXPIRY_DAYS * DAY);
    expect(probe.value(await client.verify(created.secret)).expiresAt).toBe(
      Math.floor((created.expiresAt ?? Number.NaN) / 1000) * 1000,
    );
    expect(probe.value(await client.listKeys()).map((k) => k.keyId)).toContain(created.keyId);
    probe.value(await client.revokeKey(created.keyId));
    expect(probe.code(await client.verify(created.secret))).toBe('PROVIDER_UNAUTHORIZED');
    expect(probe.code(await client.revokeKey(created.keyId))).toBe('PROVIDER_NOT_FOUND');
  });

  it('counts a delete as done when its answer was lost and the retry finds it gone', async () => {
    const created = probe.value(await client.createKey({ name: 'keyturn:lost', expiresAt: null }));
    probe.secret(created.secret);
    emu.inject({ fault: { kind: 'drop-after-commit' }, method: 'DELETE', times: 1 });
    probe.value(await client.revokeKey(created.keyId));
    expect(emu.state.privateTokens.get(Number(created.keyId))?.deleted).toBe(true);
    expect(probe.code(await client.revokeKey(created.keyId))).toBe('PROVIDER_NOT_FOUND');
  });

  it('lets a private token create private tokens when used as the credential', async () => {
    const parent = probe.value(
      await client.createKey({ name: 'keyturn:parent', expiresAt: probe.clock.now() + 30 * DAY }),
    );
    probe.secret(parent.secret);
    const byToken = connect({ kind: 'token', token: parent.secret });
    const child = probe.value(
      await byToken.createKey({ name: 'keyturn:child', expiresAt: probe.clock.now() + 10 * DAY }),
    );
    probe.secret(child.secret);
    expect(probe.code(await byToken.session())).toBe('PROVIDER_UNSUPPORTED');
  });

  it('keeps the provider message from the drf-standardized-errors envelope', async () => {
    const result = probe.seen(await client.createKey({ name: 'too-long', expiresAt: probe.clock.now() + 4000 * DAY }));
    expect(result.ok || result.error).toMatchObject({
      code: 'PROVIDER_REJECTED',
      message: expect.stringContaining('expiration_time: Expiration time must be at most'),
    });
  });

  it('reports a login refused because of MFA or a wrong password as REJECTED with the reason', async () => {
    const mfa = probe.seen(
      await connect({ kind: 'password', username: emu.seed.mfaEmail, password: emu.seed.mfaPassword }).session(),
    );
    expect(mfa.ok || mfa.error).toMatchObject({
      code: 'PROVIDER_REJECTED',
      message: expect.stringContaining('Multi-factor'),
    });
    const wrong = connect({ kind: 'password', username: emu.seed.email, password: 'not the password' });
    probe.secret('not the password');
    expect(probe.code(await wrong.listKeys())).toBe('PROVIDER_REJECTED');
  });

  it('follows pagination across every page', async () => {
    const [user] = emu.state.users;
    if (!user) throw new Error('the emulator has a seeded user');
    for (let id = 5000; id < 5230; id += 1) {
      emu.state.privateTokens.set(id, {
        id,
        userId: user.id,
        name: `bulk-${id}`,
        expirationTime: probe.clock.now() + DAY,
        deleted: false,
      });
    }
    const listed = probe.value(await client.listKeys());
    const bulk = listed.filter((k) => k.name.startsWith('bulk-'));
    expect(bulk).toHaveLength(230);
    const pages = emu.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/auth/private_tokens/').length;
    console.log(`haut-ai pagination: ${listed.length} tokens listed over ${pages} page requests so far`);
  });

  it('answers UNAUTHORIZED for a bad token on verify', async () => {
    expect(probe.code(await client.verify('eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.bad'))).toBe('PROVIDER_UNAUTHORIZED');
  });
});
