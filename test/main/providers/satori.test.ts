import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createProviderClient } from '../../../src/main/providers';
import type { ProviderClient, ProviderConnection } from '../../../src/main/providers/types';
import { startSatoriEmulator } from '../../emulators';
import { Probe } from './probe';

type SatoriEmulator = Awaited<ReturnType<typeof startSatoriEmulator>>;

describe('the Satori adapter against its emulator', () => {
  const probe = new Probe();
  let emu: SatoriEmulator;
  let client: ProviderClient;

  const connect = (token: string, tenantId = emu.seed.tenantId, url = emu.url): ProviderClient => {
    const connection: ProviderConnection = {
      baseUrl: url,
      settings: { tenantId },
      credential: { kind: 'token', token },
    };
    return createProviderClient('satori', connection, probe.deps());
  };

  beforeAll(async () => {
    emu = await startSatoriEmulator({ now: probe.clock.now });
    probe.secret(emu.seed.bootstrapToken, emu.seed.otherTenantToken);
    client = connect(emu.seed.bootstrapToken);
  });
  afterEach(() => emu.clearFaults());
  afterAll(async () => {
    probe.expectNoLeak();
    await emu.close();
  });

  it('creates a token whose secret works, lists it and deactivates it', async () => {
    const created = probe.value(await client.createKey({ name: 'keyturn:rot-1', expiresAt: null }));
    probe.secret(created.secret);
    expect(created).toMatchObject({ name: 'keyturn:rot-1', kind: 'api-key', expiresAt: null });
    expect(probe.value(await client.verify(created.secret))).toEqual({ identity: 'Acme Enclave', expiresAt: null });
    const listed = probe.value(await client.listKeys());
    expect(listed.find((k) => k.keyId === created.keyId)).toMatchObject({ name: 'keyturn:rot-1', isActive: true });
    probe.value(await client.revokeKey(created.keyId));
    expect(probe.code(await client.verify(created.secret))).toBe('PROVIDER_UNAUTHORIZED');
    const after = probe.value(await client.listKeys());
    expect(after.find((k) => k.keyId === created.keyId)?.isActive).toBe(false);
  });

  it('creates a token with an expiry, which the provider then refuses after it passes', async () => {
    const expiresAt = probe.clock.now() + 86_400_000;
    const created = probe.value(await client.createKey({ name: 'keyturn:exp', expiresAt }));
    probe.secret(created.secret);
    expect(created.expiresAt).toBe(expiresAt);
    probe.clock.advance(86_400_001);
    expect(probe.code(await client.verify(created.secret))).toBe('PROVIDER_UNAUTHORIZED');
  });

  it('passes on the provider message when an expiry in the past is rejected', async () => {
    const result = probe.seen(await client.createKey({ name: 'past', expiresAt: probe.clock.now() - 1000 }));
    expect(result.ok || result.error).toMatchObject({
      code: 'PROVIDER_REJECTED',
      message: expect.stringContaining('expires_at'),
    });
  });

  it('answers FORBIDDEN for a token of another tenant and UNAUTHORIZED for a bad one', async () => {
    expect(probe.code(await client.verify(emu.seed.otherTenantToken))).toBe('PROVIDER_FORBIDDEN');
    expect(probe.code(await client.verify('not-a-real-token'))).toBe('PROVIDER_UNAUTHORIZED');
    expect(probe.code(await connect(emu.seed.bootstrapToken, emu.seed.otherTenantId).listKeys())).toBe(
      'PROVIDER_FORBIDDEN',
    );
  });

  it('answers NOT_FOUND when deactivating an unknown token', async () => {
    expect(probe.code(await client.revokeKey('00000000-0000-0000-0000-000000000000'))).toBe('PROVIDER_NOT_FOUND');
  });

  it('has no session and needs a tenant id and a token credential', async () => {
    expect(probe.code(await client.session())).toBe('PROVIDER_UNSUPPORTED');
    const noTenant = createProviderClient(
      'satori',
      { baseUrl: emu.url, settings: {}, credential: { kind: 'token', token: 'x' } },
      probe.deps(),
    );
    expect(probe.code(await noTenant.listKeys())).toBe('INVALID_INPUT');
  });

  it.each([
    [{ createStatus: 200 as const, deactivateTrailingSlash: 'with' as const }],
    [{ createStatus: 201 as const, deactivateTrailingSlash: 'without' as const }],
  ])('works under every unknown of the contract (%o)', async (profile) => {
    const other = await startSatoriEmulator({ now: probe.clock.now, profile });
    try {
      probe.secret(other.seed.bootstrapToken);
      const c = connect(other.seed.bootstrapToken, other.seed.tenantId, other.url);
      const created = probe.value(await c.createKey({ name: 'keyturn:profile', expiresAt: null }));
      probe.secret(created.secret);
      probe.value(await c.revokeKey(created.keyId));
      expect(other.state.tokens.get(created.keyId)?.isActive).toBe(false);
    } finally {
      await other.close();
    }
  });
});
