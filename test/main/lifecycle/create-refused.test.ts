/**
 * A provider that cannot or will not create the new key (step-create.ts). One with no API for it
 * (Syft Space) ends the rotation abandoned, asking for a manual one. A refusal is final, not a
 * transient error. The rotation ends abandoned saying why, the old key stays current, and no sweep
 * for a lost key follows (only a transient error can hide a key the provider made). A real Satori
 * emulator on 127.0.0.1 and a real vault file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderClients } from '../../../src/main/lifecycle/clients';
import type { LifecycleDeps } from '../../../src/main/lifecycle/context';
import { rotateToken } from '../../../src/main/lifecycle/rotation';
import { startSyftSpaceEmulator } from '../../emulators/syft-space-emulator';
import { newVault } from '../../support/lifecycle-fixture';
import { managedSatoriToken, type Cleanups } from '../../support/managed-token';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a provider refusing to create a key', () => {
  it('ends the rotation abandoned with the reason, keeps the old key current, and sweeps nothing', async () => {
    const { world, deps, tokenId } = await managedSatoriToken(cleanups);
    const before = world.vault.listVersions(tokenId).map((version) => version.id);
    world.emulator.inject({
      fault: { kind: 'status', status: 403, body: '{"detail":"Nope."}' },
      method: 'POST',
      times: 100,
    });
    const requests = world.emulator.requests.length;
    const outcome = await rotateToken(world.vault, tokenId, deps);
    expect(outcome).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^The provider refused to create a key: .*403/),
    });
    const after = world.emulator.requests.slice(requests).map((request) => request.method);
    // The sweep before the create lists keys once; the refused POST is the last request.
    expect(after.at(-1)).toBe('POST');
    expect(after.filter((method) => method === 'GET')).toHaveLength(1);
    expect(world.vault.listVersions(tokenId).map((version) => [version.id, version.status])).toEqual(
      before.map((id) => [id, 'current']),
    );
  });

  it('ends a rotation abandoned at a provider with no API to create keys, asking for a manual one', async () => {
    const space = await startSyftSpaceEmulator();
    cleanups.push(() => space.close());
    const world = newVault({
      provider: 'syft-space',
      url: space.url,
      settings: {},
      credential: { kind: 'password', username: space.seed.email, password: space.seed.password },
    });
    cleanups.push(() => void world.vault.lock());
    const token = world.vault.addToken({
      environmentId: world.environmentId,
      label: 'satellite',
      kind: 'satellite-token',
      provider: 'syft-space',
      secret: space.seed.satelliteLive,
      connectionId: world.connectionId,
    });
    const deps: LifecycleDeps = { now: Date.now, clients: new ProviderClients(world.vault, { now: Date.now }) };
    expect(await rotateToken(world.vault, token.id, deps)).toMatchObject({
      status: 'failed',
      reason: 'This provider has no API to create keys; rotate manually',
    });
    expect(world.vault.listVersions(token.id).map((version) => version.status)).toEqual(['current']);
  });
});
