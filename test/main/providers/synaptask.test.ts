import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createProviderClient } from '../../../src/main/providers';
import type { ProviderClient } from '../../../src/main/providers/types';
import { startSynapTaskEmulator } from '../../emulators';
import { Probe } from './probe';

type SynapTaskEmulator = Awaited<ReturnType<typeof startSynapTaskEmulator>>;

describe('the SynapTask adapter against its emulator', () => {
  const probe = new Probe();
  let emu: SynapTaskEmulator;
  let client: ProviderClient;

  beforeAll(async () => {
    emu = await startSynapTaskEmulator({ now: probe.clock.now });
    probe.secret(emu.seed.token, emu.seed.viewerToken);
    client = createProviderClient(
      'synaptask',
      { baseUrl: emu.url, settings: {}, credential: { kind: 'token', token: emu.seed.token } },
      probe.deps(),
    );
  });
  afterEach(() => emu.clearFaults());
  afterAll(async () => {
    probe.expectNoLeak();
    await emu.close();
  });

  it('verifies owner and viewer tokens with one cheap graph read', async () => {
    expect(probe.value(await client.verify(emu.seed.token))).toEqual({ identity: null, expiresAt: null });
    probe.value(await client.verify(emu.seed.viewerToken));
    expect(emu.requests.at(-1)?.path).toBe('/api/graph');
  });

  it('answers UNAUTHORIZED with the provider message for a token revoked in the web UI', async () => {
    const token = emu.state.issueToken(2);
    probe.secret(token);
    emu.state.revokeToken(token);
    const result = probe.seen(await client.verify(token));
    expect(result.ok || result.error).toMatchObject({
      code: 'PROVIDER_UNAUTHORIZED',
      message: expect.stringContaining('Invalid or missing API token'),
    });
  });

  it('maps 403 to FORBIDDEN', async () => {
    emu.inject({
      fault: { kind: 'status', status: 403, body: '{"error":"forbidden","message":"Insufficient access level"}' },
      path: '/api/graph',
    });
    expect(probe.code(await client.verify(emu.seed.token))).toBe('PROVIDER_FORBIDDEN');
  });

  it('backs off on its own when a 429 carries no Retry-After, then reports RATE_LIMITED', async () => {
    probe.clock.sleeps.length = 0;
    emu.inject({
      fault: { kind: 'status', status: 429, body: '{"error":"rate_limited","message":"Too many requests, slow down"}' },
      path: '/api/graph',
      times: 10,
    });
    const result = probe.seen(await client.verify(emu.seed.token));
    expect(result.ok || result.error).toEqual({
      code: 'PROVIDER_RATE_LIMITED',
      message: expect.stringContaining('slow down'),
    });
    expect(probe.clock.sleeps).toHaveLength(3);
    expect(probe.clock.sleeps[2]).toBeGreaterThan(probe.clock.sleeps[0] ?? Number.POSITIVE_INFINITY);
    console.log(`synaptask: backoff without Retry-After slept ${probe.clock.sleeps.join(', ')} ms`);
  });

  it('recovers when the rate limit clears during the backoff', async () => {
    emu.inject({
      fault: { kind: 'status', status: 429, body: '{"error":"rate_limited"}' },
      path: '/api/graph',
      times: 2,
    });
    probe.value(await client.verify(emu.seed.token));
  });

  it('has no token API and no login', async () => {
    expect(probe.code(await client.session())).toBe('PROVIDER_UNSUPPORTED');
    expect(probe.code(await client.createKey({ name: 'x', expiresAt: null }))).toBe('PROVIDER_UNSUPPORTED');
    expect(probe.code(await client.listKeys())).toBe('PROVIDER_UNSUPPORTED');
    expect(probe.code(await client.revokeKey('x'))).toBe('PROVIDER_UNSUPPORTED');
  });
});
