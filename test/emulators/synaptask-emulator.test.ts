import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock';
import { call, list, rec } from './http';
import { startSynapTaskEmulator, type SynapTaskProfile } from './synaptask-emulator';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(profile: Partial<SynapTaskProfile> = {}, clock = new FakeClock()) {
  const emulator = await startSynapTaskEmulator({ now: clock.now, profile });
  running.push(emulator);
  return { emulator, clock, api: `${emulator.url}/api`, seed: emulator.seed };
}

describe('SynapTask emulator', () => {
  it('answers GET /api/graph?limit=1 (cheapest verify) with ok, hasMore, nodes and links', async () => {
    const { api, seed } = await start();
    expect(seed.token).toMatch(/^st_/);
    const res = await call(`${api}/graph?limit=1`, { token: seed.token });
    expect(res.status).toBe(200);
    const body = rec(res.body);
    expect(Object.keys(body).sort()).toEqual(['hasMore', 'links', 'nodes', 'ok']);
    expect(body).toMatchObject({ ok: true, hasMore: true });
    expect(list(body.nodes)).toHaveLength(1);
  });

  it('pages the graph with limit and offset', async () => {
    const { api, seed, emulator } = await start();
    const total = emulator.state.nodes.length;
    const last = rec((await call(`${api}/graph?limit=2&offset=${total - 2}`, { token: seed.token })).body);
    expect(last.hasMore).toBe(false);
    expect(list(last.links)).toHaveLength(1);
  });

  it('answers GET /api/nodes for a viewer token too', async () => {
    const { api, seed } = await start();
    const res = await call(`${api}/nodes`, { token: seed.viewerToken });
    expect(res.status).toBe(200);
    expect(rec(res.body).ok).toBe(true);
  });

  it('refuses a missing, unknown or revoked token with 401 unauthorized', async () => {
    const { api, seed, emulator } = await start();
    const expected = { error: 'unauthorized', message: 'Invalid or missing API token' };
    expect((await call(`${api}/graph?limit=1`)).body).toEqual(expected);
    expect((await call(`${api}/graph?limit=1`, { token: 'st_nope' })).status).toBe(401);
    emulator.state.revokeToken(seed.token);
    const revoked = await call(`${api}/graph?limit=1`, { token: seed.token });
    expect(revoked.status).toBe(401);
    expect(revoked.body).toEqual(expected);
  });

  it('accepts a token issued later in the "web UI" (manual rotation)', async () => {
    const { api, emulator } = await start();
    const fresh = emulator.state.issueToken();
    expect((await call(`${api}/graph?limit=1`, { token: fresh })).status).toBe(200);
  });

  it('answers 403 forbidden when a viewer writes, and 409 version_conflict on a stale version', async () => {
    const { api, seed, emulator } = await start();
    const denied = await call(`${api}/nodes`, { method: 'POST', token: seed.viewerToken, json: { title: 'x' } });
    expect(denied.status).toBe(403);
    expect(rec(denied.body).error).toBe('forbidden');
    expect((await call(`${api}/nodes`, { method: 'POST', token: seed.token, json: { title: 'x' } })).status).toBe(201);
    const node = emulator.state.nodes[0];
    const ok = await call(`${api}/nodes/${node?.id}`, {
      method: 'PATCH',
      token: seed.token,
      json: { title: 'y', version: 1 },
    });
    expect(ok.status).toBe(200);
    const stale = await call(`${api}/nodes/${node?.id}`, {
      method: 'PATCH',
      token: seed.token,
      json: { title: 'z', version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(rec(stale.body).error).toBe('version_conflict');
  });

  it('rate limits per endpoint with 429 and no Retry-After, resetting the next minute', async () => {
    const { api, seed, clock } = await start({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i += 1) expect((await call(`${api}/graph?limit=1`, { token: seed.token })).status).toBe(200);
    const limited = await call(`${api}/graph?limit=1`, { token: seed.token });
    expect(limited.status).toBe(429);
    expect(rec(limited.body).error).toEqual(expect.any(String));
    expect(limited.headers.get('retry-after')).toBeNull();
    expect((await call(`${api}/nodes`, { token: seed.token })).status).toBe(200);
    clock.advance(60_000);
    expect((await call(`${api}/graph?limit=1`, { token: seed.token })).status).toBe(200);
  });

  it('defaults to 300 requests a minute per endpoint', async () => {
    const { api, seed } = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 301; i += 1) statuses.push((await call(`${api}/nodes`, { token: seed.token })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(300);
    expect(statuses.at(-1)).toBe(429);
    console.log(`301 requests in one minute: ${statuses.filter((s) => s === 429).length} refused with 429`);
  });
});
