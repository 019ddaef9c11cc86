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
  it('logs in with a form and answers access and refresh tokens; refresh issues new ones', async () => {
    const { api, login } = await start();
    expect(login.status).toBe(200);
    const body = rec(login.body);
    expect(body).toMatchObject({
      token_type: 'bearer',
      access_token: expect.any(String),
      refresh_token: expect.any(String),
    });
    const refreshed = await call(`${api}/auth/refresh`, {
      method: 'POST',
      json: { refresh_token: body.refresh_token },
    });
    expect(refreshed.status).toBe(200);
    expect((await call(`${api}/auth/me`, { token: String(rec(refreshed.body).access_token) })).status).toBe(200);
    expect(
      (await call(`${api}/auth/refresh`, { method: 'POST', json: { refresh_token: body.access_token } })).status,
    ).toBe(401);
  });

  it('refuses a JSON login with 422 and a wrong password with 401', async () => {
    const { api, seed } = await start();
    expect(
      (await call(`${api}/auth/login`, { method: 'POST', json: { username: seed.username, password: seed.password } }))
        .status,
    ).toBe(422);
    expect(
      (await call(`${api}/auth/login`, { method: 'POST', form: { username: seed.username, password: 'x' } })).status,
    ).toBe(401);
  });

  it('expires the access token after 30 minutes', async () => {
    const { api, session, clock } = await start();
    clock.advance(30 * 60_000);
    const res = await call(`${api}/auth/me`, { token: session });
    expect(res.status).toBe(401);
    expect(rec(res.body).detail).toEqual(expect.any(String));
  });

  it('creates a PAT with 201 and every documented field, the token shown once and never listed', async () => {
    const { api, session, create, emulator } = await start();
    const res = await create({ name: 'ci', scopes: ['read'] });
    expect(res.status).toBe(201);
    const body = rec(res.body);
    expect(Object.keys(body).sort()).toEqual(
      ['created_at', 'expires_at', 'id', 'is_active', 'last_used_at', 'name', 'scopes', 'token', 'token_prefix'].sort(),
    );
    expect(body.token).toMatch(/^syft_pat_[A-Za-z0-9_-]{43}$/);
    expect(String(body.token).startsWith(String(body.token_prefix))).toBe(true);
    expect(body).toMatchObject({ name: 'ci', scopes: ['read'], expires_at: null, is_active: true, last_used_at: null });
    const listed = await call(`${api}/auth/tokens?include_inactive=false&skip=0&limit=50`, { token: session });
    expect(listed.text).not.toContain(String(body.token));
    expect(rec(listed.body).total).toBe(1);
    expect(list(rec(listed.body).tokens)[0]).not.toHaveProperty('token');
    expect(emulator.state.activeKeys()).toEqual([{ id: body.id, name: 'ci', expiresAt: null }]);
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
    expect(list(rec(res.body).detail)[0]?.loc).toEqual(['body', 'expires_at']);
  });

  it('refuses names outside 1–100 characters with 422', async () => {
    const { create } = await start();
    expect((await create({ name: '' })).status).toBe(422);
    expect((await create({ name: 'x'.repeat(101) })).status).toBe(422);
  });

  it('refuses the 51st active PAT with 400, and frees a slot on revoke', async () => {
    const { create, api, session } = await start();
    let lastId = 0;
    for (let i = 0; i < 50; i += 1) lastId = Number(rec((await create({ name: `k${i}` })).body).id);
    const over = await create({ name: 'one too many' });
    expect(over.status).toBe(400);
    expect(rec(over.body).detail).toEqual(expect.any(String));
    expect((await call(`${api}/auth/tokens/${lastId}`, { method: 'DELETE', token: session })).status).toBe(204);
    expect((await create({ name: 'fits again' })).status).toBe(201);
    console.log('50 active PATs accepted, the 51st refused with 400');
  });

  it('revokes with DELETE 204, refuses the revoked PAT with the profile text, and hides it unless include_inactive', async () => {
    const { api, session, create } = await start({ revokedPatDetail: 'Token has been revoked' });
    const body = rec((await create({ name: 'old' })).body);
    expect((await call(`${api}/auth/tokens/${String(body.id)}`, { method: 'DELETE', token: session })).status).toBe(
      204,
    );
    const refused = await call(`${api}/auth/tokens`, { token: String(body.token) });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ detail: 'Token has been revoked' });
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
    expect((await call(`${api}/auth/tokens`, { token })).status).toBe(401);
    expect(emulator.state.activeKeys()).toEqual([]);
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
  });

  it('pages the list with skip and limit, total counting all', async () => {
    const { api, session, create } = await start();
    for (let i = 0; i < 5; i += 1) await create({ name: `k${i}` });
    const page = rec((await call(`${api}/auth/tokens?skip=2&limit=2`, { token: session })).body);
    expect(page.total).toBe(5);
    expect(list(page.tokens)).toHaveLength(2);
    expect((await call(`${api}/auth/tokens?limit=0`, { token: session })).status).toBe(422);
  });

  it('records last_used_at when a PAT is used', async () => {
    const { api, session, create } = await start();
    const token = String(rec((await create({ name: 'used' })).body).token);
    await call(`${api}/auth/me`, { token });
    const row = list(rec((await call(`${api}/auth/tokens`, { token: session })).body).tokens)[0];
    expect(row?.last_used_at).toEqual(expect.any(String));
  });

  it('throttles with 429 over the profile rate limit', async () => {
    const { api, session } = await start({ rateLimitPerMinute: 1 });
    expect((await call(`${api}/auth/me`, { token: session })).status).toBe(200);
    expect((await call(`${api}/auth/me`, { token: session })).status).toBe(429);
  });

  it('accepts an explicit null expires_at as a token that never expires', async () => {
    const { create } = await start();
    const res = await create({ name: 'forever', expires_at: null });
    expect(res.status).toBe(201);
    expect(rec(res.body).expires_at).toBeNull();
  });

  it('keeps the created PAT in state when the response is lost after commit', async () => {
    const { emulator, create } = await start();
    emulator.inject({ fault: { kind: 'drop-after-commit' }, method: 'POST', path: '/api/v1/auth/tokens' });
    await expect(create({ name: 'keyturn-rotation-1' })).rejects.toThrow();
    expect(emulator.state.activeKeys().map((k) => k.name)).toEqual(['keyturn-rotation-1']);
  });
});
