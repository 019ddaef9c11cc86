/**
 * Fuzzes every adapter's response parsing over real HTTP: a local server answers each call
 * with wrong types, missing fields, arbitrary JSON, non-JSON or huge bodies. Every answer must
 * end as success (when the fuzzed body happens to be valid) or PROVIDER_BAD_RESPONSE, never a
 * crash or another code.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createProviderClient } from '../../../src/main/providers';
import { MAX_BODY_BYTES } from '../../../src/main/providers/http';
import type { Result } from '../../../src/shared/errors';
import type { ProviderClient, ProviderConnection } from '../../../src/main/providers/types';
import type { ProviderId } from '../../../src/shared/model';
import { makeJwt } from './jwt-fixtures';
import { startLocalServer, type LocalServer } from './local-server';
import { Probe } from './probe';

interface Target {
  readonly name: string;
  readonly provider: ProviderId;
  readonly credential: ProviderConnection['credential'];
  readonly settings?: Record<string, string>;
  /** The call's valid answer, which the fuzzer breaks. */
  readonly valid: Record<string, unknown>;
  /** Fields without which the answer is unusable. */
  readonly required: readonly string[];
  readonly run: (client: ProviderClient) => Promise<Result<unknown>>;
}

const sessionJwt = makeJwt({ email: 'a@b.c', tenant_name: 't', exp: 1_900_000_000 + 3600 * 24 * 365 * 20, iat: 1 });
const password = { kind: 'password', username: 'user@example.test', password: 'fuzz password 1' } as const;
const token = { kind: 'token', token: 'fuzz-bootstrap-token-1234' } as const;
const isoTime = '2031-01-01T00:00:00Z';

const TARGETS: readonly Target[] = [
  {
    name: 'satori createKey',
    provider: 'satori',
    credential: token,
    settings: { tenantId: 't1' },
    valid: { id: 'k1', name: 'n', key: sessionJwt, is_active: true, expires_at: null, created_at: isoTime },
    required: ['id', 'name', 'key', 'is_active'],
    run: (c) => c.createKey({ name: 'n', expiresAt: null }),
  },
  {
    name: 'satori revokeKey',
    provider: 'satori',
    credential: token,
    settings: { tenantId: 't1' },
    valid: { id: 'k1', name: 'n', is_active: false, expires_at: null, created_at: isoTime },
    required: ['id', 'name', 'is_active'],
    run: (c) => c.revokeKey('k1'),
  },
  {
    name: 'satori listKeys',
    provider: 'satori',
    credential: token,
    settings: { tenantId: 't1' },
    valid: { results: [] },
    required: ['results'],
    run: (c) => c.listKeys(),
  },
  {
    name: 'haut-ai session',
    provider: 'haut-ai',
    credential: password,
    valid: { access_token: sessionJwt, id: 'u' },
    required: [],
    run: (c) => c.session(),
  },
  {
    name: 'haut-ai createKey',
    provider: 'haut-ai',
    credential: token,
    valid: { id: 1, name: 'n', expiration_time: isoTime, data: sessionJwt },
    required: ['id', 'name', 'data'],
    run: (c) => c.createKey({ name: 'n', expiresAt: null }),
  },
  {
    name: 'haut-ai listKeys',
    provider: 'haut-ai',
    credential: token,
    valid: { count: 0, next: null, previous: null, results: [] },
    required: ['results'],
    run: (c) => c.listKeys(),
  },
  {
    name: 'syft-space session',
    provider: 'syft-space',
    credential: password,
    valid: { access_token: sessionJwt, token_type: 'bearer', expires_in: 3600 },
    required: ['access_token'],
    run: (c) => c.session(),
  },
  {
    name: 'syft-space verify',
    provider: 'syft-space',
    credential: password,
    valid: { email: 'a@b.c', tenant_name: 't' },
    required: ['email'],
    run: (c) => c.verify(sessionJwt),
  },
  {
    name: 'syfthub session',
    provider: 'syfthub',
    credential: password,
    valid: { access_token: sessionJwt, refresh_token: 'r', token_type: 'bearer' },
    required: ['access_token'],
    run: (c) => c.session(),
  },
  {
    name: 'syfthub createKey',
    provider: 'syfthub',
    credential: password,
    valid: {
      id: 1,
      name: 'n',
      is_active: true,
      expires_at: null,
      created_at: isoTime,
      token: `syft_pat_${'a'.repeat(43)}`,
    },
    required: ['id', 'name', 'token'],
    run: (c) => c.createKey({ name: 'n', expiresAt: null }),
  },
  {
    name: 'syfthub listKeys',
    provider: 'syfthub',
    credential: password,
    valid: { tokens: [], total: 0 },
    required: ['tokens', 'total'],
    run: (c) => c.listKeys(),
  },
  {
    name: 'synaptask verify',
    provider: 'synaptask',
    credential: token,
    valid: { ok: true, hasMore: false, nodes: [], links: [] },
    required: ['ok', 'nodes'],
    run: (c) => c.verify('st_fuzzfuzzfuzzfuzz'),
  },
];

/** The body the server answers the call under test with; logins get a valid answer unless fuzzed. */
let fuzzed = '';
let fuzzLogin = false;

const isLogin = (url: string): boolean => /\/auth\/(login|refresh)\/?$/.test(url);

describe('adapters given bad responses', () => {
  const probe = new Probe();
  let server: LocalServer;

  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      const body =
        isLogin(req.url) && !fuzzLogin
          ? JSON.stringify({ access_token: sessionJwt, refresh_token: 'r', expires_in: 3600 })
          : fuzzed;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    probe.secret(password.password, token.token);
  });
  afterAll(async () => {
    probe.expectNoLeak();
    await server.close();
  });

  const answer = (target: Target): Promise<Result<unknown>> => {
    fuzzLogin = target.name.endsWith('session');
    const client = createProviderClient(
      target.provider,
      { baseUrl: server.url, settings: target.settings ?? {}, credential: target.credential },
      probe.deps(),
    );
    return target.run(client);
  };

  it.each(TARGETS)('$name accepts its valid answer', async (target) => {
    fuzzed = JSON.stringify(target.valid);
    probe.value(await answer(target));
  });

  it.each(TARGETS.filter((t) => t.required.length > 0))(
    '$name refuses an answer missing a required field',
    async (target) => {
      await fc.assert(
        fc.asyncProperty(fc.subarray([...target.required], { minLength: 1 }), async (missing) => {
          fuzzed = JSON.stringify(
            Object.fromEntries(Object.entries(target.valid).filter(([key]) => !missing.includes(key))),
          );
          expect(probe.code(await answer(target))).toBe('PROVIDER_BAD_RESPONSE');
        }),
        { numRuns: 15 },
      );
    },
  );

  it.each(TARGETS)('$name never crashes on wrong types, arbitrary JSON or non-JSON', async (target) => {
    const wrongType = fc
      .tuple(fc.constantFrom(...Object.keys(target.valid)), fc.jsonValue())
      .map(([key, value]) => JSON.stringify({ ...target.valid, [key]: value }));
    const bodies = fc.oneof(
      wrongType,
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string(),
      fc.constant(''),
      fc.constant('<html>502</html>'),
    );
    let good = 0;
    let bad = 0;
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        fuzzed = body;
        const result = probe.seen(await answer(target));
        if (result.ok) good += 1;
        else {
          expect(result.error.code).toBe('PROVIDER_BAD_RESPONSE');
          bad += 1;
        }
      }),
      { numRuns: 60 },
    );
    console.log(
      `${target.name}: ${good + bad} fuzzed answers, ${bad} refused as BAD_RESPONSE, ${good} valid by chance, 0 crashes`,
    );
  });

  it.each(TARGETS)('$name refuses a body over the size cap', async (target) => {
    fuzzed = JSON.stringify({ ...target.valid, padding: 'x'.repeat(MAX_BODY_BYTES) });
    expect(probe.code(await answer(target))).toBe('PROVIDER_BAD_RESPONSE');
  });
});
