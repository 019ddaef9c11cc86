import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock';
import { call, list, rec } from './http';
import { startSyftSpaceEmulator, type SyftSpaceProfile } from './syft-space-emulator';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(profile: Partial<SyftSpaceProfile> = {}, clock = new FakeClock()) {
  const emulator = await startSyftSpaceEmulator({ now: clock.now, profile });
  running.push(emulator);
  const api = `${emulator.url}/api/v1`;
  const loginAs = async (email: string, password: string) =>
    call(`${api}/auth/login`, { method: 'POST', json: { email, password } });
  const session = String(rec((await loginAs(emulator.seed.email, emulator.seed.password)).body).access_token);
  return { emulator, clock, api, session, loginAs, seed: emulator.seed };
}

function claimsOf(jwt: string): Record<string, unknown> {
  return rec(JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')));
}

describe('Syft Space emulator', () => {
  it('logs in with JSON email and password and answers an HS256 JWT living one hour', async () => {
    const { loginAs, seed, clock } = await start();
    const res = await loginAs(seed.email, seed.password);
    expect(res.status).toBe(200);
    const body = rec(res.body);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    const token = String(body.access_token);
    expect(rec(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'))).alg).toBe('HS256');
    const claims = claimsOf(token);
    expect(claims).toEqual({
      email: seed.email,
      tenant_name: seed.tenantName,
      iat: clock.now() / 1000,
      exp: clock.now() / 1000 + 3600,
    });
  });

  it('refuses a wrong password with 401', async () => {
    const { loginAs, seed } = await start();
    const res = await loginAs(seed.email, 'wrong');
    expect(res.status).toBe(401);
    expect(rec(res.body).detail).toEqual(expect.any(String));
  });

  it('registers a user who can then log in and see /auth/me', async () => {
    const { api, loginAs } = await start();
    const reg = await call(`${api}/auth/register`, {
      method: 'POST',
      json: { email: 'new@space.test', password: 'pw-123456', tenant_name: 'new-space' },
    });
    expect(reg.status).toBe(200);
    expect(Object.keys(rec(reg.body)).sort()).toEqual(['created_at', 'email', 'id', 'tenant_name']);
    const token = String(rec((await loginAs('new@space.test', 'pw-123456')).body).access_token);
    const me = await call(`${api}/auth/me`, { token });
    expect(me.body).toEqual({
      email: 'new@space.test',
      tenant_name: 'new-space',
      created_at: rec(reg.body).created_at,
    });
    const twice = await call(`${api}/auth/register`, {
      method: 'POST',
      json: { email: 'new@space.test', password: 'x', tenant_name: 'y' },
    });
    expect(twice.status).toBe(400);
  });

  it("answers FastAPI's 422 for a body missing a field", async () => {
    const { api } = await start();
    const res = await call(`${api}/auth/register`, { method: 'POST', json: { email: 'a@b.c', password: 'x' } });
    expect(res.status).toBe(422);
    expect(list(rec(res.body).detail)[0]).toMatchObject({
      type: 'missing',
      loc: ['body', 'tenant_name'],
      msg: 'Field required',
    });
  });

  it('answers the documented 401 bodies on /auth/me: missing token and bad token', async () => {
    const { api, session } = await start();
    const missing = await call(`${api}/auth/me`);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ detail: 'Not authenticated' });
    const bad = await call(`${api}/auth/me`, { token: `${session}x` });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ detail: 'Could not validate credentials' });
    expect((await call(`${api}/auth/me`, { token: session })).status).toBe(200);
  });

  it('refuses the session JWT after its hour, and a fresh login works', async () => {
    const { api, session, clock, loginAs, seed } = await start();
    clock.advance(3600_000);
    expect((await call(`${api}/auth/me`, { token: session })).status).toBe(401);
    const datasets = await call(`${api}/datasets/`, { token: session });
    expect(datasets.body).toEqual({ detail: 'Not authenticated' });
    const fresh = String(rec((await loginAs(seed.email, seed.password)).body).access_token);
    expect((await call(`${api}/auth/me`, { token: fresh })).status).toBe(200);
  });

  it('lists datasets of the JWT tenant, and of X-Tenant-Name only with access (else 403)', async () => {
    const { emulator, api, session, seed } = await start();
    const own = await call(`${api}/datasets/`, { token: session });
    expect(own.status).toBe(200);
    expect(list(own.body).every((d) => d.tenant_name === seed.tenantName)).toBe(true);
    const denied = await call(`${api}/datasets/`, {
      token: session,
      headers: { 'x-tenant-name': seed.otherTenantName },
    });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ detail: 'Insufficient permissions' });
    emulator.state.grantAccess(seed.email, seed.otherTenantName);
    const granted = await call(`${api}/datasets/`, {
      token: session,
      headers: { 'x-tenant-name': seed.otherTenantName },
    });
    expect(list(granted.body).every((d) => d.tenant_name === seed.otherTenantName)).toBe(true);
  });

  it('redirects /datasets without its trailing slash with 307, as FastAPI does', async () => {
    const { api, session } = await start();
    const res = await call(`${api}/datasets`, { token: session, redirect: 'manual' });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe(`${api}/datasets/`);
  });

  it('queries an endpoint with live and test satellite tokens, and refuses revoked or unknown ones', async () => {
    const { emulator, api, seed } = await start();
    const ask = (token: string, slug = seed.endpointSlug) =>
      call(`${api}/endpoints/${slug}/query`, {
        method: 'POST',
        token,
        json: { messages: [{ role: 'user', content: 'hello' }] },
      });
    expect(seed.satelliteLive).toMatch(/^sat_live_/);
    expect(seed.satelliteTest).toMatch(/^sat_test_/);
    expect(rec((await ask(seed.satelliteLive)).body)).toMatchObject({
      environment: 'live',
      message: { role: 'assistant' },
    });
    expect(rec((await ask(seed.satelliteTest)).body).environment).toBe('test');
    expect((await ask(seed.satelliteLive, 'nope')).status).toBe(404);
    expect((await ask('sat_live_unknown')).status).toBe(401);
    emulator.state.revokeSatellite(seed.satelliteTest);
    expect((await ask(seed.satelliteTest)).status).toBe(401);
  });

  it('guards GET /api/v1/tenants with the admin key and keeps /health public', async () => {
    const { emulator, seed } = await start();
    expect((await call(`${emulator.url}/health`)).status).toBe(200);
    const refused = await call(`${emulator.url}/api/v1/tenants`, { token: 'wrong' });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ detail: 'Admin API key required' });
    const ok = await call(`${emulator.url}/api/v1/tenants`, { token: seed.adminKey });
    expect(list(ok.body).map((t) => t.name)).toContain(seed.tenantName);
  });

  it('checks nothing on admin routes when the admin key is empty', async () => {
    const { emulator } = await start({ adminApiKey: '' });
    expect((await call(`${emulator.url}/api/v1/tenants`)).status).toBe(200);
  });

  it('answers its rate limit as 403 "Rate limit exceeded", not 429', async () => {
    const { api, session } = await start({ rateLimitPerMinute: 1 });
    expect((await call(`${api}/auth/me`, { token: session })).status).toBe(200);
    const limited = await call(`${api}/auth/me`, { token: session });
    expect(limited.status).toBe(403);
    expect(limited.body).toEqual({ detail: 'Rate limit exceeded' });
  });

  it('answers an injected rate-limit fault in its own 403 shape, with Retry-After', async () => {
    const { emulator, api, session } = await start();
    emulator.inject({ fault: { kind: 'rate-limit', retryAfter: '30' }, path: '/api/v1/auth/me' });
    const limited = await call(`${api}/auth/me`, { token: session });
    expect(limited.status).toBe(403);
    expect(limited.body).toEqual({ detail: 'Rate limit exceeded' });
    expect(limited.headers.get('retry-after')).toBe('30');
  });
});
