import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { createHttpClient, MAX_BODY_BYTES, type HttpClient } from '../../../src/main/providers/http';
import { FakeClock } from '../../support/fake-clock';
import { sendJson, startLocalServer, type LocalServer } from './local-server';

const okSchema = z.object({ ok: z.boolean() });

describe('the provider HTTP client', () => {
  let server: LocalServer;
  let other: LocalServer;
  let clock: FakeClock;
  let lines: string[];
  let client: HttpClient;

  function makeClient(baseUrl = server.url, timeoutMs = 2_000): HttpClient {
    clock = new FakeClock();
    lines = [];
    return createHttpClient({
      label: 'Test',
      baseUrl,
      deps: { now: clock.now, sleep: clock.sleep, log: (line) => lines.push(line), timeoutMs },
      secrets: () => ['hunter2-password'],
    });
  }

  beforeAll(async () => {
    server = await startLocalServer();
    other = await startLocalServer((_, res) => sendJson(res, 200, { ok: true }));
  });
  afterAll(async () => {
    await server.close();
    await other.close();
  });

  function reset(handler: Parameters<LocalServer['handle']>[0]): void {
    server.requests.length = 0;
    server.handle(handler);
    client = makeClient();
  }

  it('parses a JSON answer with its schema and sends the bearer token', async () => {
    reset((_, res) => sendJson(res, 200, { ok: true }));
    const result = await client.json({ method: 'GET', path: '/x', bearer: 'tok-abcdef', query: { a: 1 } }, okSchema);
    expect(result).toEqual({ ok: true, value: { ok: true } });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer tok-abcdef');
    expect(server.requests[0]?.url).toBe('/x?a=1');
  });

  it('refuses plain http to a non-loopback host without sending anything', async () => {
    const insecure = makeClient('http://example.com');
    const result = await insecure.json({ method: 'GET', path: '/x' }, okSchema);
    expect(result.ok || result.error.code).toBe('PROVIDER_INSECURE_URL');
    const weird = await makeClient('ftp://127.0.0.1').json({ method: 'GET', path: '/x' }, okSchema);
    expect(weird.ok || weird.error.code).toBe('PROVIDER_INSECURE_URL');
  });

  it('refuses an absolute URL on another origin (a pagination link pointing away)', async () => {
    reset((_, res) => sendJson(res, 200, { ok: true }));
    const result = await client.json({ method: 'GET', path: `${other.url}/x` }, okSchema);
    expect(result.ok || result.error.code).toBe('PROVIDER_INSECURE_URL');
  });

  it.each([
    [401, 'PROVIDER_UNAUTHORIZED'],
    [403, 'PROVIDER_FORBIDDEN'],
    [404, 'PROVIDER_NOT_FOUND'],
    [400, 'PROVIDER_REJECTED'],
    [409, 'PROVIDER_REJECTED'],
    [422, 'PROVIDER_REJECTED'],
    [500, 'PROVIDER_UNAVAILABLE'],
    [503, 'PROVIDER_UNAVAILABLE'],
    [429, 'PROVIDER_RATE_LIMITED'],
  ] as const)('maps status %i to %s and keeps the provider message', async (status, code) => {
    reset((_, res) => sendJson(res, status, { detail: `boom ${status}` }));
    const result = await client.json({ method: 'POST', path: '/x' }, okSchema);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(`boom ${status}`);
  });

  it('maps Syft Space 403 "Rate limit exceeded" to RATE_LIMITED', async () => {
    reset((_, res) => sendJson(res, 403, { detail: 'Rate limit exceeded' }));
    const result = await client.json({ method: 'POST', path: '/x' }, okSchema);
    expect(result.ok || result.error.code).toBe('PROVIDER_RATE_LIMITED');
  });

  it('reads Retry-After in seconds and waits that long before retrying a GET', async () => {
    let calls = 0;
    reset((_, res) => {
      calls += 1;
      if (calls === 1) sendJson(res, 429, { detail: 'slow down' }, { 'retry-after': '7' });
      else sendJson(res, 200, { ok: true });
    });
    const result = await client.json({ method: 'GET', path: '/x' }, okSchema);
    expect(result.ok).toBe(true);
    expect(clock.sleeps).toEqual([7000]);
  });

  it('reads Retry-After as an HTTP date', async () => {
    reset((_, res) => sendJson(res, 429, {}, { 'retry-after': new Date(clock.now() + 120_000).toUTCString() }));
    const result = await client.json({ method: 'POST', path: '/x' }, okSchema);
    expect(result.ok || result.error.retryAfterSeconds).toBe(120);
    expect(server.requests).toHaveLength(1);
  });

  it('hands a long Retry-After back to the caller instead of sleeping', async () => {
    reset((_, res) => sendJson(res, 429, {}, { 'retry-after': '3600' }));
    const result = await client.json({ method: 'GET', path: '/x' }, okSchema);
    expect(result.ok || result.error.retryAfterSeconds).toBe(3600);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries a GET on 5xx a bounded number of times with growing backoff', async () => {
    reset((_, res) => sendJson(res, 503, { detail: 'down' }));
    const result = await client.json({ method: 'GET', path: '/x' }, okSchema);
    expect(result.ok || result.error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(server.requests).toHaveLength(4);
    expect(clock.sleeps).toHaveLength(3);
    expect(clock.sleeps[2]).toBeGreaterThan(clock.sleeps[0] ?? Infinity);
  });

  it('never retries a POST', async () => {
    reset((_, res) => sendJson(res, 503, { detail: 'down' }));
    const result = await client.json({ method: 'POST', path: '/x', json: { a: 1 } }, okSchema);
    expect(result.ok || result.error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(server.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('times out a slow answer and reports UNAVAILABLE', async () => {
    reset((_, res) => setTimeout(() => sendJson(res, 200, { ok: true }), 1_500));
    client = makeClient(server.url, 100);
    const result = await client.json({ method: 'POST', path: '/slow' }, okSchema);
    expect(result.ok || result.error.code).toBe('PROVIDER_UNAVAILABLE');
  });

  it('reports a dropped connection as UNAVAILABLE', async () => {
    reset((req, res) => res.socket?.destroy());
    const result = await client.json({ method: 'POST', path: '/x' }, okSchema);
    expect(result.ok || result.error.code).toBe('PROVIDER_UNAVAILABLE');
  });

  it('refuses a body over the cap, declared or streamed', async () => {
    reset((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`"${'a'.repeat(MAX_BODY_BYTES + 10)}"`);
    });
    const declared = await client.json({ method: 'GET', path: '/x' }, z.string());
    expect(declared.ok || declared.error.code).toBe('PROVIDER_BAD_RESPONSE');
    reset((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      for (let i = 0; i < 20; i += 1) res.write('a'.repeat(64 * 1024));
      res.end();
    });
    const streamed = await client.json({ method: 'GET', path: '/x' }, z.string());
    expect(streamed.ok || streamed.error.code).toBe('PROVIDER_BAD_RESPONSE');
  });

  it('reports non-JSON and wrongly shaped answers as BAD_RESPONSE', async () => {
    reset((_, res) => res.end('<html>hello</html>'));
    const html = await client.json({ method: 'GET', path: '/x' }, okSchema);
    expect(html.ok || html.error.code).toBe('PROVIDER_BAD_RESPONSE');
    reset((_, res) => sendJson(res, 200, { ok: 'yes' }));
    const shape = await client.json({ method: 'GET', path: '/x' }, okSchema);
    expect(shape.ok || shape.error.code).toBe('PROVIDER_BAD_RESPONSE');
  });

  it('follows one same-origin redirect and refuses one to another origin', async () => {
    reset((req, res) => {
      if (req.url === '/old') {
        res.writeHead(308, { location: '/new' });
        res.end();
      } else if (req.url === '/away') {
        res.writeHead(302, { location: `${other.url}/steal` });
        res.end();
      } else sendJson(res, 200, { ok: true });
    });
    const same = await client.json({ method: 'PUT', path: '/old', json: { a: 1 } }, okSchema);
    expect(same.ok).toBe(true);
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      'PUT /old {"a":1}',
      'PUT /new {"a":1}',
    ]);
    other.requests.length = 0;
    const away = await client.json({ method: 'GET', path: '/away', bearer: 'secret-bearer-1' }, okSchema);
    expect(away.ok || away.error.code).toBe('PROVIDER_INSECURE_URL');
    expect(other.requests).toHaveLength(0);
  });

  it('redacts the bearer, the password and token-shaped strings from logs and errors', async () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl';
    reset((_, res) => sendJson(res, 401, { detail: `bad token ${jwt} for hunter2-password` }));
    const result = await client.json(
      {
        method: 'POST',
        path: '/x',
        bearer: 'sat_live_abcdefghijklmnop',
        form: { username: 'a', password: 'hunter2-password' },
      },
      okSchema,
    );
    const text = `${lines.join('\n')}\n${JSON.stringify(result)}`;
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of ['sat_live_abcdefghijklmnop', 'hunter2-password', jwt]) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED]');
  });
});
