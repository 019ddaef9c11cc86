import { describe, expect, it } from 'vitest';

import { capabilitiesOf, createProviderClient } from '../../../src/main/providers';
import { manualExpiresAt } from '../../../src/main/providers/manual';
import { PROVIDER_IDS } from '../../../src/shared/model';
import { FakeClock } from '../../support/fake-clock';
import { makeJwt } from './jwt-fixtures';

describe('the provider registry', () => {
  const clock = new FakeClock();
  // An address nothing listens on: an unsupported call must answer before any network use.
  const connection = { baseUrl: 'http://127.0.0.1:9', settings: {}, credential: { kind: 'none' as const } };

  it.each(PROVIDER_IDS)('builds a %s client whose capabilities match the table', (provider) => {
    const client = createProviderClient(provider, connection, { now: clock.now });
    expect(client.provider).toBe(provider);
    expect(client.capabilities).toEqual(capabilitiesOf(provider));
  });

  it.each(PROVIDER_IDS)('answers PROVIDER_UNSUPPORTED for every operation %s cannot do', async (provider) => {
    const client = createProviderClient(provider, connection, { now: clock.now });
    const caps = client.capabilities;
    const checks: Array<[boolean, () => Promise<{ ok: boolean; error?: { code: string } }>]> = [
      [caps.create, () => client.createKey({ name: 'x', expiresAt: null })],
      [caps.list, () => client.listKeys()],
      [caps.revoke, () => client.revokeKey('1')],
      [caps.verify, () => client.verify('some-secret-value')],
    ];
    for (const [can, run] of checks) {
      if (can) continue;
      const result = await run();
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('PROVIDER_UNSUPPORTED');
    }
  });

  it('reads a manual token expiry from its JWT exp, if any', () => {
    expect(manualExpiresAt(makeJwt({ exp: 1_900_000_000 }))).toBe(1_900_000_000_000);
    expect(manualExpiresAt('opaque')).toBeNull();
  });

  it('refuses a non-loopback http base URL for every provider before sending anything', async () => {
    for (const provider of PROVIDER_IDS) {
      const client = createProviderClient(
        provider,
        { baseUrl: 'http://10.0.0.1', settings: { tenantId: 't' }, credential: { kind: 'token', token: 'abcd' } },
        { now: clock.now },
      );
      if (!client.capabilities.verify) continue;
      const result = await client.verify('sat_live_abcdefghijkl');
      expect(result.ok || result.error.code, provider).toMatch(/PROVIDER_INSECURE_URL|INVALID_INPUT/);
    }
  });
});
