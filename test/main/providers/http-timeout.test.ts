/**
 * The HTTP client's timeout on a fake clock (ProviderDeps.timeoutSignal): a request times out
 * when its deadline passes on the clock, not after any wall time, so a loaded machine can neither
 * make a slow answer count as on time nor a fast one as late. The deadline here is an hour: the
 * test finishes at once only if the client really uses the injected signal.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient, type HttpClient } from '../../../src/main/providers/http';
import { json, startEmulatorServer, type Emulator } from '../../emulators/harness';
import { FakeClock } from '../../support/fake-clock';
import { FakeTimeouts } from '../../support/fake-timeouts';

const HOUR_MS = 3_600_000;
/** The whole call's budget (ProviderDeps.deadlineMs): room for four attempts of an hour and their backoff. */
const DEADLINE_MS = 10 * HOUR_MS;
const okSchema = z.object({ ok: z.literal(true) });
const servers: Emulator<{ created: number }>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function world(): Promise<{
  server: Emulator<{ created: number }>;
  client: HttpClient;
  timeouts: FakeTimeouts;
  clock: FakeClock;
}> {
  const state = { created: 0 };
  const server = await startEmulatorServer({
    state,
    rateLimitReply: () => json(429, {}),
    handle: (ctx) => {
      if (ctx.method === 'POST') state.created += 1;
      return json(200, { ok: true });
    },
  });
  servers.push(server);
  const clock = new FakeClock();
  const timeouts = new FakeTimeouts(clock);
  const client = createHttpClient({
    label: 'Test',
    baseUrl: server.url,
    deps: {
      now: clock.now,
      sleep: clock.sleep,
      timeoutMs: HOUR_MS,
      deadlineMs: DEADLINE_MS,
      timeoutSignal: timeouts.signal,
    },
    secrets: () => [],
  });
  return { server, client, timeouts, clock };
}

describe('the HTTP client timeout on a fake clock', () => {
  it('gives up on a held request when its deadline passes, retrying an idempotent call', async () => {
    const { server, client, timeouts, clock } = await world();
    server.inject({ fault: { kind: 'hold', onHold: () => timeouts.elapse(HOUR_MS) }, method: 'GET', times: 100 });
    const started = clock.now();
    const result = await client.json({ method: 'GET', path: '/x' }, okSchema);
    // Four hours on the fake clock, plus the backoff between attempts (jittered: 0.9 to 1.8 s).
    const seconds = Math.round((clock.now() - started) / 1000);
    expect(seconds === 14_401 || seconds === 14_402).toBe(true);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'PROVIDER_UNAVAILABLE',
        message: `Test: no answer within ${HOUR_MS} ms (gave up after 4 attempts in ${seconds} s)`,
      },
    });
    expect(server.requests).toHaveLength(4);
    expect(clock.sleeps).toHaveLength(3);
    await server.releaseHeld();
    server.clearFaults();
    expect(await client.json({ method: 'GET', path: '/x' }, okSchema)).toEqual({ ok: true, value: { ok: true } });
  });

  it('sends a create once; the server that finishes after the client gave up has made the key', async () => {
    const { server, client, timeouts } = await world();
    server.inject({ fault: { kind: 'hold', onHold: () => timeouts.elapse(HOUR_MS) }, method: 'POST' });
    const result = await client.json({ method: 'POST', path: '/keys', json: { name: 'k' } }, okSchema);
    expect(result.ok || result.error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(server.state.created).toBe(0);
    await server.releaseHeld();
    expect(server.requests).toHaveLength(1);
    expect(server.state.created).toBe(1);
  });

  it('never times out an answer while the clock stands still, however long it takes', async () => {
    const { client, timeouts } = await world();
    const slow = client.json({ method: 'GET', path: '/x' }, okSchema);
    expect(await slow).toEqual({ ok: true, value: { ok: true } });
    // Deadlines of answered requests firing later change nothing.
    expect(timeouts.elapse(HOUR_MS)).toBe(1);
  });
});
