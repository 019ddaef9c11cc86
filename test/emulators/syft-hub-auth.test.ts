import { afterEach, describe, expect, it } from 'vitest';
import { decodeJwt } from '../../src/main/providers/jwt';
import { FakeClock } from '../support/fake-clock';
import { call, rec } from './http';
import { startSyftHubEmulator, type SyftHubProfile } from './syft-space-emulator';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(profile: Partial<SyftHubProfile> = {}, clock = new FakeClock()) {
  const emulator = await startSyftHubEmulator({ now: clock.now, profile });
  running.push(emulator);
  const api = `${emulator.url}/api/v1`;
  const login = (username = emulator.seed.username, password = emulator.seed.password) =>
    call(`${api}/auth/login`, { method: 'POST', form: { username, password } });
  return { emulator, clock, api, login, seed: emulator.seed };
}

const payload = (token: unknown): Record<string, unknown> => {
  const claims = decodeJwt(String(token));
  if (claims === null) throw new Error('not a JWT');
  return claims;
};

describe('SyftHub emulator: signing in', () => {
  it('logs in with a form by username or email, answering the user and both tokens', async () => {
    const { login, seed } = await start();
    const byName = await login();
    expect(byName.status).toBe(200);
    expect(rec(byName.body)).toMatchObject({
      token_type: 'bearer',
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      user: { id: 1, username: seed.username, email: seed.email, role: 'user' },
    });
    expect((await login(seed.email)).status).toBe(200);
  });

  it('signs access tokens {sub, username, role, exp, type} with no iss, iat or jti', async () => {
    const { login, clock, seed } = await start();
    const body = rec((await login()).body);
    const access = payload(body.access_token);
    expect(Object.keys(access).sort()).toEqual(['exp', 'role', 'sub', 'type', 'username']);
    expect(access).toMatchObject({ sub: '1', username: seed.username, role: 'user', type: 'access' });
    expect(access.exp).toBe(Math.floor(clock.now() / 1000) + 30 * 60);
    const refresh = payload(body.refresh_token);
    expect(Object.keys(refresh).sort()).toEqual(['exp', 'sub', 'type', 'username']);
    expect(refresh.exp).toBe(Math.floor(clock.now() / 1000) + 7 * 86_400);
  });

  it('refuses a JSON login with 422 and a wrong password or user with 401 "Invalid credentials"', async () => {
    const { api, seed, login } = await start();
    const json = await call(`${api}/auth/login`, {
      method: 'POST',
      json: { username: seed.username, password: seed.password },
    });
    expect(json.status).toBe(422);
    for (const wrong of [await login(seed.username, 'x'), await login('nobody', 'x')]) {
      expect([wrong.status, wrong.body]).toEqual([401, { detail: 'Invalid credentials' }]);
      expect(wrong.headers.get('www-authenticate')).toBeNull();
    }
  });

  it('refreshes with a refresh token (never an access token) and expires access after 30 minutes', async () => {
    const { api, login, clock } = await start();
    const body = rec((await login()).body);
    const refreshed = await call(`${api}/auth/refresh`, {
      method: 'POST',
      json: { refresh_token: body.refresh_token },
    });
    expect(Object.keys(rec(refreshed.body)).sort()).toEqual(['access_token', 'refresh_token', 'token_type']);
    const wrongType = await call(`${api}/auth/refresh`, { method: 'POST', json: { refresh_token: body.access_token } });
    expect([wrongType.status, wrongType.body]).toEqual([401, { detail: 'Invalid refresh token' }]);
    clock.advance(30 * 60_000);
    const late = await call(`${api}/auth/me`, { token: String(body.access_token) });
    expect([late.status, late.body]).toEqual([401, { detail: 'Could not validate credentials' }]);
  });

  it('allows 10 logins a minute from one IP, then answers a bare 429 until the window ends', async () => {
    const { login, clock } = await start();
    for (let i = 0; i < 10; i += 1) expect((await login()).status).toBe(200);
    const refused = await login();
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ detail: 'Too many requests. Please slow down and try again later.' });
    expect(refused.headers.get('retry-after')).toBeNull();
    clock.advance(59_000);
    expect((await login()).status).toBe(429);
    clock.advance(1_000);
    expect((await login()).status).toBe(200);
    console.log('SyftHub emulator: 10 logins in a window, the 11th a 429 without Retry-After');
  });

  it('counts refreshes in their own bucket of 60 a minute, so refreshing works while logins are refused', async () => {
    const { api, login } = await start();
    const body = rec((await login()).body);
    for (let i = 0; i < 9; i += 1) await login();
    expect((await login()).status).toBe(429);
    const refresh = () => call(`${api}/auth/refresh`, { method: 'POST', json: { refresh_token: body.refresh_token } });
    for (let i = 0; i < 60; i += 1) expect((await refresh()).status).toBe(200);
    expect((await refresh()).status).toBe(429);
  });

  it('has no limit when the deployment has no Redis (the limiter fails open)', async () => {
    const { login } = await start({ loginLimit: null });
    for (let i = 0; i < 12; i += 1) expect((await login()).status).toBe(200);
  });

  it('blacklists the access token on logout until it expires, leaving the refresh token usable', async () => {
    const { api, login } = await start();
    const body = rec((await login()).body);
    const token = String(body.access_token);
    expect((await call(`${api}/auth/me`, { token })).status).toBe(200);
    const out = await call(`${api}/auth/logout`, { method: 'POST', token });
    expect(out.status).toBe(204);
    expect((await call(`${api}/auth/me`, { token })).status).toBe(401);
    expect((await call(`${api}/auth/logout`, { method: 'POST', token })).status).toBe(401);
    const again = await call(`${api}/auth/refresh`, { method: 'POST', json: { refresh_token: body.refresh_token } });
    expect(again.status).toBe(200);
  });

  it('answers /auth/me for a PAT with the user (the server accepts PATs everywhere)', async () => {
    const { api, seed } = await start();
    const me = await call(`${api}/auth/me`, { token: seed.googlePat });
    expect(rec(me.body)).toMatchObject({ id: 2, username: seed.googleUsername, auth_provider: 'google' });
  });

  it('mints 60-second RS256 satellite tokens for an audience that is a username', async () => {
    const { api, login, seed, clock } = await start();
    const token = String(rec((await login()).body).access_token);
    const minted = await call(`${api}/token?aud=${seed.googleUsername.toUpperCase()}`, { token });
    const body = rec(minted.body);
    expect(body.expires_in).toBe(60);
    const [head] = String(body.target_token).split('.');
    expect(JSON.parse(Buffer.from(head ?? '', 'base64url').toString())).toMatchObject({
      alg: 'RS256',
      kid: expect.any(String),
    });
    const now = Math.floor(clock.now() / 1000);
    expect(payload(body.target_token)).toEqual({
      sub: '1',
      iss: 'https://hub.syft.com',
      aud: seed.googleUsername,
      exp: now + 60,
      iat: now,
      role: 'user',
    });
    expect((await call(`${api}/token?aud=nobody`, { token })).status).toBe(404);
  });
});
