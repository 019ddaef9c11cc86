import { afterEach, describe, expect, it } from 'vitest';
import { json, startEmulatorServer, type Emulator, type FaultRule } from './harness';
import { call, rec } from './http';

const running: Array<Emulator<{ created: string[] }>> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start() {
  const state = { created: [] as string[] };
  const emulator = await startEmulatorServer({
    state,
    rateLimitReply: (retryAfter) =>
      json(429, { detail: 'slow down' }, retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
    handle: (ctx) => {
      if (ctx.method === 'POST') {
        state.created.push(`key-${state.created.length + 1}`);
        return json(201, { id: state.created.length });
      }
      return json(200, { ok: true, path: ctx.path });
    },
  });
  running.push(emulator);
  return emulator;
}

async function faulted(rule: FaultRule) {
  const emulator = await start();
  emulator.inject(rule);
  return emulator;
}

describe('emulator harness', () => {
  it('listens on 127.0.0.1 with a random port and logs requests', async () => {
    const emulator = await start();
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await call(`${emulator.url}/a?b=1`, { token: 't' });
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0]).toMatchObject({ method: 'GET', path: '/a' });
    expect(emulator.requests[0]?.headers.authorization).toBe('Bearer t');
  });

  it('delays the answer on a latency fault, then answers normally', async () => {
    const emulator = await faulted({ fault: { kind: 'latency', ms: 150 } });
    const started = performance.now();
    const res = await call(`${emulator.url}/x`);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers an injected status with its body, once by default', async () => {
    const emulator = await faulted({ fault: { kind: 'status', status: 503, body: '{"detail":"down"}' } });
    const first = await call(`${emulator.url}/x`);
    expect(first.status).toBe(503);
    expect(first.body).toEqual({ detail: 'down' });
    expect((await call(`${emulator.url}/x`)).status).toBe(200);
  });

  it('applies a fault only to the matching method and path, `times` times', async () => {
    const emulator = await faulted({
      fault: { kind: 'status', status: 502 },
      method: 'POST',
      path: /^\/keys/,
      times: 2,
    });
    expect((await call(`${emulator.url}/keys`)).status).toBe(200);
    expect((await call(`${emulator.url}/other`, { method: 'POST' })).status).toBe(201);
    expect((await call(`${emulator.url}/keys/1`, { method: 'POST' })).status).toBe(502);
    expect((await call(`${emulator.url}/keys`, { method: 'POST' })).status).toBe(502);
    expect((await call(`${emulator.url}/keys`, { method: 'POST' })).status).toBe(201);
  });

  it('forgets queued faults on clearFaults', async () => {
    const emulator = await faulted({ fault: { kind: 'status', status: 500 } });
    emulator.clearFaults();
    expect((await call(`${emulator.url}/x`)).status).toBe(200);
  });

  it("answers the provider's rate-limit reply, with Retry-After when given", async () => {
    const emulator = await faulted({ fault: { kind: 'rate-limit', retryAfter: '7' } });
    const res = await call(`${emulator.url}/x`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    emulator.inject({ fault: { kind: 'rate-limit' } });
    expect((await call(`${emulator.url}/x`)).headers.get('retry-after')).toBeNull();
  });

  it('answers 200 with a body that is not JSON on a malformed fault', async () => {
    const emulator = await faulted({ fault: { kind: 'malformed' } });
    const res = await call(`${emulator.url}/x`);
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined();
    expect(() => JSON.parse(res.text) as unknown).toThrow();
  });

  it('answers a JSON body of the asked size on a huge-body fault', async () => {
    const emulator = await faulted({ fault: { kind: 'huge-body', bytes: 3_000_000 } });
    const res = await call(`${emulator.url}/x`);
    expect(res.status).toBe(200);
    expect(res.text.length).toBe(3_000_000);
    expect(Object.keys(rec(res.body))).toEqual(['padding']);
    console.log(`huge-body fault delivered ${res.text.length} bytes`);
  });

  it('destroys the socket without running the handler on drop-before', async () => {
    const emulator = await faulted({ fault: { kind: 'drop-before' }, method: 'POST' });
    await expect(call(`${emulator.url}/keys`, { method: 'POST' })).rejects.toThrow();
    expect(emulator.state.created).toEqual([]);
  });

  it('runs the handler, then loses the response, on drop-after-commit', async () => {
    const emulator = await faulted({ fault: { kind: 'drop-after-commit' }, method: 'POST' });
    await expect(call(`${emulator.url}/keys`, { method: 'POST' })).rejects.toThrow();
    expect(emulator.state.created).toEqual(['key-1']);
  });

  it('runs the handler, then never answers, on hang-after-commit, until the emulator closes', async () => {
    const emulator = await faulted({ fault: { kind: 'hang-after-commit' }, method: 'POST' });
    const answer = fetch(`${emulator.url}/keys`, { method: 'POST', signal: AbortSignal.timeout(5000) }).then(
      (response) => `answered ${response.status}`,
      (cause: unknown) => `failed: ${String(cause)}`,
    );
    for (let i = 0; i < 100 && emulator.state.created.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(emulator.state.created).toEqual(['key-1']);
    // Held well past the moment it was committed, and still unanswered.
    const early = await Promise.race([answer, new Promise((r) => setTimeout(() => r('still waiting'), 300))]);
    expect(early).toBe('still waiting');
    await emulator.close();
    running.splice(running.indexOf(emulator), 1);
    expect(await answer).toMatch(/^failed: /);
  });
});
