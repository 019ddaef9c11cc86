import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock';
import { call, list, rec } from './http';
import { startSyftHubEmulator, type SyftHubProfile } from './syft-space-emulator';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(profile: Partial<SyftHubProfile> = {}, clock = new FakeClock()) {
  const emulator = await startSyftHubEmulator({ now: clock.now, profile });
  running.push(emulator);
  const api = `${emulator.url}/api/v1`;
  const login = await call(`${api}/auth/login`, {
    method: 'POST',
    form: { username: emulator.seed.username, password: emulator.seed.password },
  });
  const session = String(rec(login.body).access_token);
  const create = (body: Record<string, unknown>, token = session) =>
    call(`${api}/auth/tokens`, { method: 'POST', token, json: body });
  return { emulator, clock, api, login, session, create, seed: emulator.seed };
}

describe('SyftHub emulator', () => {
  it('creates a PAT with 201 and every field of APITokenCreateResponse, the token shown once and never listed', async () => {
    const { api, session, create } = await start();
    const res = await create({ name: 'ci', scopes: ['read', 'read'] });
    expect(res.status).toBe(201);
    const body = rec(res.body);
    expect(Object.keys(body).sort()).toEqual(
      [
        'created_at',
        'expires_at',
        'id',
        'is_active',
        'last_used_at',
        'last_used_ip',
        'name',
        'scopes',
        'token',
        'token_prefix',
        'updated_at',
      ].sort(),
    );
    expect(body.token).toMatch(/^syft_pat_[A-Za-z0-9_-]{43}$/);
    expect(body.token_prefix).toHaveLength(16);
    expect(String(body.token).startsWith(String(body.token_prefix))).toBe(true);
    expect(body).toMatchObject({ name: 'ci', scopes: ['read'], expires_at: null, is_active: true, last_used_at: null });
    const listed = await call(`${api}/auth/tokens?include_inactive=false&skip=0&limit=50`, { token: session });
    expect(listed.text).not.toContain(String(body.token));
    expect(rec(listed.body).total).toBe(1);
    expect(list(rec(listed.body).tokens)[0]).not.toHaveProperty('token');
  });

  it('defaults the scopes to ["full"] and refuses an empty list', async () => {
    const { create } = await start();
    expect(rec((await create({ name: 'default' })).body).scopes).toEqual(['full']);
    expect((await create({ name: 'none', scopes: [] })).status).toBe(422);
    expect((await create({ name: 'bad', scopes: ['admin'] })).status).toBe(422);
  });

  it('prints times without an offset on SQLite (UTC wall clock, microseconds) and with Z on Postgres', async () => {
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 21, 35, 36, 46));
    const sqlite = await start({}, clock);
    const expires = '2026-12-31T23:59:59Z';
    const body = rec((await sqlite.create({ name: 'naive', expires_at: expires })).body);
    expect(body).toMatchObject({
      created_at: '2026-12-01T21:35:36.046000',
      updated_at: '2026-12-01T21:35:36.046000',
      expires_at: '2026-12-31T23:59:59',
    });
    const postgres = await start({ database: 'postgres' }, clock);
    expect(rec((await postgres.create({ name: 'aware', expires_at: expires })).body)).toMatchObject({
      created_at: '2026-12-01T21:35:36.046000Z',
      expires_at: '2026-12-31T23:59:59Z',
    });
  });

  it('reads an expires_at without an offset as UTC, as the server does', async () => {
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0, 0));
    const { create } = await start({}, clock);
    // One hour ahead in UTC, but behind for any reader east of UTC that took it as local time.
    const created = await create({ name: 'utc', expires_at: '2026-12-01T13:00:00' });
    expect(created.status).toBe(201);
    expect(rec(created.body).expires_at).toBe('2026-12-01T13:00:00');
    expect((await create({ name: 'past', expires_at: '2026-12-01T11:59:59' })).status).toBe(422);
  });

  it('accepts a PAT on /auth/me by default and refuses it under meAcceptsPat false', async () => {
    const yes = await start();
    const pat = String(rec((await yes.create({ name: 'a' })).body).token);
    expect((await call(`${yes.api}/auth/me`, { token: pat })).status).toBe(200);
    const no = await start({ meAcceptsPat: false });
    const pat2 = String(rec((await no.create({ name: 'a' })).body).token);
    expect((await call(`${no.api}/auth/me`, { token: pat2 })).status).toBe(401);
    expect((await call(`${no.api}/auth/tokens`, { token: pat2 })).status).toBe(200);
  });

  it('refuses a PAT whose expires_at is in the past with 422', async () => {
    const { create, clock } = await start();
    const res = await create({ name: 'late', expires_at: new Date(clock.now() - 1000).toISOString() });
    expect(res.status).toBe(422);
    expect(list(rec(res.body).detail)[0]).toMatchObject({
      loc: ['body', 'expires_at'],
      msg: 'Value error, Expiration must be in the future',
    });
  });

  it('refuses names outside 1–100 characters with 422', async () => {
    const { create } = await start();
    expect((await create({ name: '' })).status).toBe(422);
    expect((await create({ name: 'x'.repeat(101) })).status).toBe(422);
  });

  it('refuses the 51st active PAT with 400 (expired ones still count), and frees a slot on revoke', async () => {
    const { create, api, session, clock } = await start();
    let lastId = 0;
    const soon = new Date(clock.now() + 60_000).toISOString();
    for (let i = 0; i < 50; i += 1) lastId = Number(rec((await create({ name: `k${i}`, expires_at: soon })).body).id);
    clock.advance(120_000);
    const over = await create({ name: 'one too many' });
    expect(over.status).toBe(400);
    expect(rec(over.body).detail).toBe(
      'Maximum number of API tokens (50) reached. Please revoke unused tokens before creating new ones.',
    );
    expect((await call(`${api}/auth/tokens/${lastId}`, { method: 'DELETE', token: session })).status).toBe(204);
    expect((await create({ name: 'fits again' })).status).toBe(201);
    console.log('50 active PATs accepted (all expired), the 51st refused with 400');
  });

  it('revokes with DELETE 204, refuses the revoked PAT, and hides it unless include_inactive', async () => {
    const { api, session, create } = await start();
    const body = rec((await create({ name: 'old' })).body);
    expect((await call(`${api}/auth/tokens/${String(body.id)}`, { method: 'DELETE', token: session })).status).toBe(
      204,
    );
    const refused = await call(`${api}/auth/tokens`, { token: String(body.token) });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ detail: 'API token has been revoked' });
    expect(refused.headers.get('www-authenticate')).toBeNull();
    expect((await call(`${api}/auth/me`, { token: 'syft_pat_unknown' })).body).toEqual({ detail: 'Invalid API token' });
    expect(rec((await call(`${api}/auth/tokens`, { token: session })).body).total).toBe(0);
    const all = rec((await call(`${api}/auth/tokens?include_inactive=true`, { token: session })).body);
    expect(list(all.tokens)[0]).toMatchObject({ id: body.id, is_active: false });
  });

  it('refuses an expired PAT with 401', async () => {
    const { api, create, clock, emulator } = await start();
    const token = String(
      rec((await create({ name: 'brief', expires_at: new Date(clock.now() + 60_000).toISOString() })).body).token,
    );
    expect((await call(`${api}/auth/tokens`, { token })).status).toBe(200);
    clock.advance(60_000);
    expect((await call(`${api}/auth/tokens`, { token })).body).toEqual({ detail: 'API token has expired' });
    expect(emulator.state.activeKeys().some((k) => k.name === 'brief')).toBe(false);
  });

  it('answers 404 "API token not found" for unknown ids on DELETE and PATCH; PATCH renames', async () => {
    const { api, session, create } = await start();
    expect((await call(`${api}/auth/tokens/999`, { method: 'DELETE', token: session })).body).toEqual({
      detail: 'API token not found',
    });
    expect(
      (await call(`${api}/auth/tokens/999`, { method: 'PATCH', token: session, json: { name: 'x' } })).status,
    ).toBe(404);
    const id = String(rec((await create({ name: 'before' })).body).id);
    const renamed = await call(`${api}/auth/tokens/${id}`, {
      method: 'PATCH',
      token: session,
      json: { name: 'after' },
    });
    expect(rec(renamed.body)).toMatchObject({ name: 'after' });
    expect(renamed.body).not.toHaveProperty('token');
    expect((await call(`${api}/auth/tokens/abc`, { method: 'DELETE', token: session })).status).toBe(422);
    expect(rec((await call(`${api}/auth/tokens/${id}`, { token: session })).body)).toMatchObject({ name: 'after' });
  });

  it('pages the list newest first with skip and limit (default 100, unbounded), total counting all', async () => {
    const { api, session, create, clock } = await start();
    for (let i = 0; i < 5; i += 1) {
      await create({ name: `k${i}` });
      clock.advance(1000);
    }
    const page = rec((await call(`${api}/auth/tokens?skip=2&limit=2`, { token: session })).body);
    expect(page.total).toBe(5);
    expect(list(page.tokens).map((t) => t.name)).toEqual(['k2', 'k1']);
    const none = rec((await call(`${api}/auth/tokens?limit=0`, { token: session })).body);
    expect([none.total, list(none.tokens).length]).toEqual([5, 0]);
    expect((await call(`${api}/auth/tokens?include_inactive=maybe`, { token: session })).status).toBe(422);
  });

  it('records last_used_at when a PAT is used', async () => {
    const { api, session, create } = await start();
    const token = String(rec((await create({ name: 'used' })).body).token);
    await call(`${api}/auth/me`, { token });
    const row = list(rec((await call(`${api}/auth/tokens`, { token: session })).body).tokens)[0];
    expect(row?.last_used_at).toEqual(expect.any(String));
  });

  it('accepts an explicit null expires_at as a token that never expires', async () => {
    const { create } = await start();
    const res = await create({ name: 'forever', expires_at: null });
    expect(res.status).toBe(201);
    expect(rec(res.body).expires_at).toBeNull();
  });

  it('lets a Google account (no password) manage its tokens with a PAT made in the web UI', async () => {
    const { api, seed } = await start();
    const login = await call(`${api}/auth/login`, {
      method: 'POST',
      form: { username: seed.googleUsername, password: 'anything' },
    });
    expect([login.status, login.body]).toEqual([401, { detail: 'Please use Google Sign-In for this account' }]);
    const made = await call(`${api}/auth/tokens`, { method: 'POST', token: seed.googlePat, json: { name: 'by pat' } });
    expect(made.status).toBe(201);
    const listed = rec((await call(`${api}/auth/tokens`, { token: seed.googlePat })).body);
    expect(list(listed.tokens).map((t) => t.name)).toEqual(['by pat', 'made in the web UI']);
  });

  it('keeps the created PAT in state when the response is lost after commit', async () => {
    const { emulator, create } = await start();
    emulator.inject({ fault: { kind: 'drop-after-commit' }, method: 'POST', path: '/api/v1/auth/tokens' });
    await expect(create({ name: 'keyturn-rotation-1' })).rejects.toThrow();
    const mine = emulator.state.activeKeys().filter((k) => k.name !== 'made in the web UI');
    expect(mine.map((k) => k.name)).toEqual(['keyturn-rotation-1']);
  });
});
