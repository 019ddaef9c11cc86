import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock';
import { startHautAiEmulator, type HautAiProfile } from './haut-ai-emulator';
import { call, list, rec } from './http';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

const DAY = 86_400_000;

async function start(profile: Partial<HautAiProfile> = {}, clock = new FakeClock()) {
  const emulator = await startHautAiEmulator({ now: clock.now, profile });
  running.push(emulator);
  const api = `${emulator.url}/api/v1`;
  const login = await call(`${api}/auth/login/`, {
    method: 'POST',
    json: { username: emulator.seed.email, password: emulator.seed.password },
  });
  const session = String(rec(login.body).access_token);
  const create = async (name: string, days = 30, token = session) =>
    call(`${api}/auth/private_tokens/`, {
      method: 'POST',
      token,
      json: { name, expiration_time: new Date(clock.now() + days * DAY).toISOString() },
    });
  return { emulator, clock, api, session, login, create, seed: emulator.seed };
}

function firstError(body: unknown) {
  const envelope = rec(body);
  const errors = envelope.errors;
  if (!Array.isArray(errors)) throw new Error('no errors array');
  return { type: envelope.type, ...rec(errors[0]) };
}

describe('Haut.AI emulator', () => {
  it('logs in with JSON username and password and answers every documented field', async () => {
    const { login, seed } = await start();
    expect(login.status).toBe(200);
    const body = rec(login.body);
    expect(Object.keys(body).sort()).toEqual(
      [
        'access_token',
        'company_id',
        'email',
        'id',
        'is_verified',
        'profile',
        'refresh_token',
        'token_access',
        'username',
      ].sort(),
    );
    expect(body).toMatchObject({ email: seed.email, username: seed.email, company_id: seed.companyId });
    expect(String(body.access_token).split('.')).toHaveLength(3);
  });

  it('refuses login with 400 when MFA is on, and with 400 for wrong credentials', async () => {
    const { api, seed } = await start();
    const mfa = await call(`${api}/auth/login/`, {
      method: 'POST',
      json: { username: seed.mfaEmail, password: seed.mfaPassword },
    });
    expect(mfa.status).toBe(400);
    expect(firstError(mfa.body).type).toBe('validation_error');
    const wrong = await call(`${api}/auth/login/`, {
      method: 'POST',
      json: { username: seed.email, password: 'nope' },
    });
    expect(wrong.status).toBe(400);
  });

  it('creates a private token with 201 and shows its data once, never in the list', async () => {
    const { api, session, create, emulator } = await start();
    const created = await create('ci');
    expect(created.status).toBe(201);
    const body = rec(created.body);
    expect(Object.keys(body).sort()).toEqual(['data', 'expiration_time', 'id', 'name']);
    expect(typeof body.id).toBe('number');
    const listed = await call(`${api}/auth/private_tokens/`, { token: session });
    expect(listed.text).not.toContain(String(body.data));
    expect(list(rec(listed.body).results)).toEqual([
      { id: body.id, name: 'ci', expiration_time: body.expiration_time },
    ]);
    expect(emulator.state.activeKeys()).toEqual([{ id: body.id, name: 'ci', expiresAt: body.expiration_time }]);
  });

  it('lets a private token authenticate, verify with page_size=1 and create another', async () => {
    const { api, create } = await start();
    const token = String(rec((await create('first')).body).data);
    const verify = await call(`${api}/auth/private_tokens/?page_size=1`, { token });
    expect(verify.status).toBe(200);
    expect(list(rec(verify.body).results)).toHaveLength(1);
    expect((await create('second', 10, token)).status).toBe(201);
  });

  it('refuses creation by a private token with 403 when the profile forbids it', async () => {
    const { create } = await start({ privateTokenMayCreate: false });
    const token = String(rec((await create('first')).body).data);
    const refused = await create('second', 10, token);
    expect(refused.status).toBe(403);
    expect(firstError(refused.body)).toMatchObject({ type: 'client_error', code: 'permission_denied' });
  });

  it('requires expiration_time with a 400 validation_error on that attr', async () => {
    const { api, session } = await start();
    const res = await call(`${api}/auth/private_tokens/`, { method: 'POST', token: session, json: { name: 'x' } });
    expect(res.status).toBe(400);
    expect(firstError(res.body)).toEqual({
      type: 'validation_error',
      code: 'required',
      detail: 'This field is required.',
      attr: 'expiration_time',
      extra: null,
    });
  });

  it('refuses a past expiration_time and one beyond the profile maximum', async () => {
    const { create } = await start({ maxExpirationDays: 90 });
    expect(firstError((await create('past', -1)).body)).toMatchObject({
      type: 'validation_error',
      attr: 'expiration_time',
    });
    expect((await create('far', 91)).status).toBe(400);
    expect((await create('ok', 90)).status).toBe(201);
  });

  it('accepts any future expiration_time when the profile has no maximum', async () => {
    const { create } = await start({ maxExpirationDays: null });
    expect((await create('far', 3650)).status).toBe(201);
  });

  it('deletes a private token with 204 and refuses it afterwards with the documented 401 body', async () => {
    const { api, session, create, emulator } = await start();
    const body = rec((await create('old')).body);
    const deleted = await call(`${api}/auth/private_tokens/${String(body.id)}/`, { method: 'DELETE', token: session });
    expect(deleted.status).toBe(204);
    const refused = await call(`${api}/auth/private_tokens/`, { token: String(body.data) });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      type: 'client_error',
      errors: [{ code: 'invalid_token', detail: 'The provided token is expired or invalid.', attr: null, extra: null }],
    });
    expect(emulator.state.activeKeys()).toEqual([]);
    const again = await call(`${api}/auth/private_tokens/${String(body.id)}/`, { method: 'DELETE', token: session });
    expect(again.status).toBe(404);
    expect(firstError(again.body)).toMatchObject({ type: 'client_error', code: 'not_found' });
  });

  it('refuses an expired private token and an expired session with 401', async () => {
    const { api, session, create, clock, emulator } = await start();
    const token = String(rec((await create('short', 2)).body).data);
    clock.advance(3600_000 + 1000);
    expect((await call(`${api}/auth/private_tokens/`, { token: session })).status).toBe(401);
    expect((await call(`${api}/auth/private_tokens/`, { token })).status).toBe(200);
    clock.advance(2 * DAY);
    expect(firstError((await call(`${api}/auth/private_tokens/`, { token })).body)).toMatchObject({
      code: 'invalid_token',
    });
    expect(emulator.state.activeKeys()).toEqual([]);
  });

  it('paginates with count, next, previous and results, next being an absolute URL', async () => {
    const { api, session, create, emulator } = await start();
    for (let i = 1; i <= 5; i += 1) await create(`key-${i}`);
    const first = rec((await call(`${api}/auth/private_tokens/?page_size=2`, { token: session })).body);
    expect(first.count).toBe(5);
    expect(first.previous).toBeNull();
    expect(first.next).toBe(`${emulator.url}/api/v1/auth/private_tokens/?page_size=2&page=2`);
    const names: string[] = [];
    let next: unknown = `${api}/auth/private_tokens/?page_size=2`;
    let pages = 0;
    while (typeof next === 'string') {
      const page = rec((await call(next, { token: session })).body);
      names.push(...list(page.results).map((r) => String(r.name)));
      next = page.next;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(names).toEqual(['key-1', 'key-2', 'key-3', 'key-4', 'key-5']);
    const second = rec((await call(`${api}/auth/private_tokens/?page_size=2&page=2`, { token: session })).body);
    expect(second.previous).toBe(`${emulator.url}/api/v1/auth/private_tokens/?page_size=2`);
    const beyond = await call(`${api}/auth/private_tokens/?page=9`, { token: session });
    expect(beyond.status).toBe(404);
    console.log(`5 private tokens walked in ${pages} pages of 2`);
  });

  it('filters with q and orders with ordering', async () => {
    const { api, session, create } = await start();
    await create('alpha', 30);
    await create('beta', 10);
    await create('alphabet', 20);
    const q = rec((await call(`${api}/auth/private_tokens/?q=ALPHA`, { token: session })).body);
    expect(list(q.results).map((r) => r.name)).toEqual(['alpha', 'alphabet']);
    const ordered = rec((await call(`${api}/auth/private_tokens/?ordering=-expiration_time`, { token: session })).body);
    expect(list(ordered.results).map((r) => r.name)).toEqual(['alpha', 'alphabet', 'beta']);
  });

  it("lists the company's datasets, paginated, and refuses another company with 403", async () => {
    const { emulator, api, session, seed } = await start();
    const res = await call(`${api}/companies/${seed.companyId}/datasets/`, { token: session });
    expect(res.status).toBe(200);
    expect(rec(res.body)).toMatchObject({ count: emulator.state.datasets.length, next: null, previous: null });
    expect((await call(`${api}/companies/${crypto.randomUUID()}/datasets/`, { token: session })).status).toBe(403);
  });

  it('answers 401 not_authenticated without a token', async () => {
    const { api } = await start();
    const res = await call(`${api}/auth/private_tokens/`);
    expect(res.status).toBe(401);
    expect(firstError(res.body)).toMatchObject({ type: 'client_error', code: 'not_authenticated' });
  });

  it('answers 404 for a missing trailing slash by default, and a redirect under that profile', async () => {
    const strict = await start();
    expect((await call(`${strict.api}/auth/private_tokens?page_size=1`, { token: strict.session })).status).toBe(404);
    const lenient = await start({ missingSlash: 'redirect' });
    const redirect = await call(`${lenient.api}/auth/private_tokens?page_size=1`, {
      token: lenient.session,
      redirect: 'manual',
    });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/api/v1/auth/private_tokens/?page_size=1');
    expect((await call(`${lenient.api}/auth/private_tokens?page_size=1`, { token: lenient.session })).status).toBe(200);
  });

  it('throttles with 429 throttled and Retry-After in seconds over the profile rate limit', async () => {
    const { api, session } = await start({ rateLimitPerMinute: 1 });
    expect((await call(`${api}/auth/private_tokens/`, { token: session })).status).toBe(200);
    const limited = await call(`${api}/auth/private_tokens/`, { token: session });
    expect(limited.status).toBe(429);
    expect(firstError(limited.body)).toMatchObject({ type: 'client_error', code: 'throttled' });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('keeps the created key in state when the response is lost after commit', async () => {
    const { emulator, create } = await start();
    emulator.inject({ fault: { kind: 'drop-after-commit' }, method: 'POST', path: '/api/v1/auth/private_tokens/' });
    await expect(create('orphan')).rejects.toThrow();
    expect(emulator.state.activeKeys().map((k) => k.name)).toEqual(['orphan']);
  });
});
