import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock';
import { call, list, rec } from './http';
import { startSatoriEmulator, type SatoriProfile } from './satori-emulator';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(profile: Partial<SatoriProfile> = {}, clock = new FakeClock()) {
  const emulator = await startSatoriEmulator({ now: clock.now, profile });
  running.push(emulator);
  const base = `${emulator.url}/api/tenants/${emulator.seed.tenantId}`;
  return { emulator, clock, base, seed: emulator.seed };
}

describe('Satori emulator', () => {
  it('answers the tenant for a valid token (cheapest verify)', async () => {
    const { base, seed } = await start();
    const res = await call(`${base}/`, { token: seed.bootstrapToken });
    expect(res.status).toBe(200);
    expect(rec(res.body)).toMatchObject({ id: seed.tenantId });
  });

  it('creates a token with 201, shows its JWT key once and never lists it', async () => {
    const { base, seed, emulator } = await start();
    const created = await call(`${base}/tokens/`, { method: 'POST', token: seed.bootstrapToken, json: { name: 'ci' } });
    expect(created.status).toBe(201);
    const body = rec(created.body);
    expect(body).toMatchObject({ name: 'ci', is_active: true, expires_at: null });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(String(body.key).split('.')).toHaveLength(3);
    expect(typeof body.created_at).toBe('string');
    const listed = await call(`${base}/tokens/`, { token: seed.bootstrapToken });
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(String(body.key));
    const row = list(listed.body).find((t) => t.id === body.id);
    expect(row).toEqual({
      id: body.id,
      name: 'ci',
      is_active: true,
      expires_at: null,
      last_used: null,
      created_at: body.created_at,
    });
    const works = await call(`${base}/`, { token: String(body.key) });
    expect(works.status).toBe(200);
    expect(emulator.state.activeKeys().map((k) => k.name)).toContain('ci');
  });

  it('records last_used when a token is used', async () => {
    const { base, seed } = await start();
    await call(`${base}/`, { token: seed.bootstrapToken });
    const listed = await call(`${base}/tokens/`, { token: seed.bootstrapToken });
    expect(list(listed.body).find((t) => t.name === 'bootstrap')?.last_used).toEqual(expect.any(String));
  });

  it('answers 200 on create when the profile says so', async () => {
    const { base, seed } = await start({ createStatus: 200 });
    const created = await call(`${base}/tokens/`, { method: 'POST', token: seed.bootstrapToken, json: { name: 'x' } });
    expect(created.status).toBe(200);
    expect(rec(created.body).key).toEqual(expect.any(String));
  });

  it('refuses an expired token with 401 once the clock passes expires_at', async () => {
    const { base, seed, clock, emulator } = await start();
    const expiresAt = new Date(clock.now() + 60_000).toISOString();
    const created = rec(
      (
        await call(`${base}/tokens/`, {
          method: 'POST',
          token: seed.bootstrapToken,
          json: { name: 'short', expires_at: expiresAt },
        })
      ).body,
    );
    expect(created.expires_at).toBe(expiresAt);
    const key = String(created.key);
    expect((await call(`${base}/`, { token: key })).status).toBe(200);
    clock.advance(61_000);
    const refused = await call(`${base}/`, { token: key });
    expect(refused.status).toBe(401);
    expect(rec(refused.body).detail).toEqual(expect.any(String));
    expect(emulator.state.activeKeys().map((k) => k.name)).not.toContain('short');
  });

  it('refuses an expires_at in the past or not a date with 400', async () => {
    const { base, seed, clock } = await start();
    const past = await call(`${base}/tokens/`, {
      method: 'POST',
      token: seed.bootstrapToken,
      json: { name: 'p', expires_at: new Date(clock.now() - 1000).toISOString() },
    });
    expect(past.status).toBe(400);
    const junk = await call(`${base}/tokens/`, {
      method: 'POST',
      token: seed.bootstrapToken,
      json: { name: 'p', expires_at: 'soon' },
    });
    expect(junk.status).toBe(400);
    expect(rec(junk.body).detail).toEqual(expect.any(String));
  });

  it('deactivates with PUT is_active false, with or without the trailing slash, and refuses the token after', async () => {
    const { base, seed } = await start();
    for (const slash of ['', '/']) {
      const key = String(
        rec(
          (await call(`${base}/tokens/`, { method: 'POST', token: seed.bootstrapToken, json: { name: `d${slash}` } }))
            .body,
        ).key,
      );
      const mine = list((await call(`${base}/tokens/`, { token: key })).body).find((t) => t.name === `d${slash}`);
      const res = await call(`${base}/tokens/${String(mine?.id)}${slash}`, {
        method: 'PUT',
        token: seed.bootstrapToken,
        json: { is_active: false },
      });
      expect(res.status).toBe(200);
      expect(rec(res.body)).toMatchObject({ id: mine?.id, is_active: false });
      expect(res.text).not.toContain(key);
      expect((await call(`${base}/`, { token: key })).status).toBe(401);
    }
  });

  it('keeps deactivated tokens in the list as is_active false (deactivated, not deleted)', async () => {
    const { base, seed } = await start();
    const id = String(
      rec((await call(`${base}/tokens/`, { method: 'POST', token: seed.bootstrapToken, json: { name: 'old' } })).body)
        .id,
    );
    await call(`${base}/tokens/${id}`, { method: 'PUT', token: seed.bootstrapToken, json: { is_active: false } });
    const row = list((await call(`${base}/tokens/`, { token: seed.bootstrapToken })).body).find((t) => t.id === id);
    expect(row?.is_active).toBe(false);
  });

  it('accepts only the slash form the profile names on deactivate', async () => {
    const withOnly = await start({ deactivateTrailingSlash: 'with' });
    const id1 = String(
      rec(
        (
          await call(`${withOnly.base}/tokens/`, {
            method: 'POST',
            token: withOnly.seed.bootstrapToken,
            json: { name: 'a' },
          })
        ).body,
      ).id,
    );
    expect(
      (
        await call(`${withOnly.base}/tokens/${id1}`, {
          method: 'PUT',
          token: withOnly.seed.bootstrapToken,
          json: { is_active: false },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(`${withOnly.base}/tokens/${id1}/`, {
          method: 'PUT',
          token: withOnly.seed.bootstrapToken,
          json: { is_active: false },
        })
      ).status,
    ).toBe(200);
    const withoutOnly = await start({ deactivateTrailingSlash: 'without' });
    const id2 = String(
      rec(
        (
          await call(`${withoutOnly.base}/tokens/`, {
            method: 'POST',
            token: withoutOnly.seed.bootstrapToken,
            json: { name: 'b' },
          })
        ).body,
      ).id,
    );
    expect(
      (
        await call(`${withoutOnly.base}/tokens/${id2}/`, {
          method: 'PUT',
          token: withoutOnly.seed.bootstrapToken,
          json: { is_active: false },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(`${withoutOnly.base}/tokens/${id2}`, {
          method: 'PUT',
          token: withoutOnly.seed.bootstrapToken,
          json: { is_active: false },
        })
      ).status,
    ).toBe(200);
  });

  it('answers 401 with a DRF detail body for a missing or forged token', async () => {
    const { base, seed } = await start();
    const missing = await call(`${base}/`);
    expect(missing.status).toBe(401);
    expect(rec(missing.body).detail).toEqual(expect.any(String));
    const forged = seed.bootstrapToken.slice(0, -4) + 'AAAA';
    expect((await call(`${base}/tokens/`, { token: forged })).status).toBe(401);
  });

  it("refuses a token on another tenant's path with 403", async () => {
    const { emulator, seed } = await start();
    const res = await call(`${emulator.url}/api/tenants/${seed.otherTenantId}/tokens/`, { token: seed.bootstrapToken });
    expect(res.status).toBe(403);
    expect(rec(res.body).detail).toEqual(expect.any(String));
    const other = await call(`${emulator.url}/api/tenants/${seed.otherTenantId}/`, { token: seed.otherTenantToken });
    expect(other.status).toBe(200);
  });

  it('answers 404 for an unknown token id and 400 for a create without a name', async () => {
    const { base, seed } = await start();
    const unknown = await call(`${base}/tokens/00000000-0000-0000-0000-000000000000`, {
      method: 'PUT',
      token: seed.bootstrapToken,
      json: { is_active: false },
    });
    expect(unknown.status).toBe(404);
    expect(rec(unknown.body)).toEqual({ detail: 'Not found.' });
    const nameless = await call(`${base}/tokens/`, { method: 'POST', token: seed.bootstrapToken, json: {} });
    expect(nameless.status).toBe(400);
  });

  it('throttles with 429 and Retry-After over the profile rate limit, and recovers in the next minute', async () => {
    const { base, seed, clock } = await start({ rateLimitPerMinute: 2 });
    expect((await call(`${base}/`, { token: seed.bootstrapToken })).status).toBe(200);
    expect((await call(`${base}/`, { token: seed.bootstrapToken })).status).toBe(200);
    const limited = await call(`${base}/`, { token: seed.bootstrapToken });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    clock.advance(60_000);
    expect((await call(`${base}/`, { token: seed.bootstrapToken })).status).toBe(200);
  });

  it('keeps the created token in state when the response is lost after commit', async () => {
    const { emulator, base, seed } = await start();
    emulator.inject({ fault: { kind: 'drop-after-commit' }, method: 'POST' });
    await expect(
      call(`${base}/tokens/`, { method: 'POST', token: seed.bootstrapToken, json: { name: 'orphan' } }),
    ).rejects.toThrow();
    expect(emulator.state.activeKeys().map((k) => k.name)).toContain('orphan');
  });
});
