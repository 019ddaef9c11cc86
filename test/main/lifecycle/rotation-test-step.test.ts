/**
 * The test step of a provider rotation: the key the provider just made is checked with the
 * provider before it is promoted. A key that fails its check is revoked at the provider and the
 * old key stays current (created → discarding → abandoned), for every provider that makes keys.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderClients } from '../../../src/main/lifecycle/clients';
import type { LifecycleDeps } from '../../../src/main/lifecycle/context';
import { createManagedToken, rotateToken } from '../../../src/main/lifecycle/rotation';
import { parseJournal } from '../../../src/main/lifecycle/rotation-state';
import { FakeClock } from '../../support/fake-clock';
import { KEYED_PROVIDERS, newVault, startProvider, type KeyedProvider } from '../../support/lifecycle-fixture';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function managedToken(provider: KeyedProvider) {
  const world = await startProvider(provider);
  cleanups.push(() => world.close());
  const v = newVault(world);
  cleanups.push(() => void v.vault.lock());
  const clock = new FakeClock(Date.now());
  const deps: LifecycleDeps = {
    now: clock.now,
    clients: new ProviderClients(v.vault, { now: clock.now, sleep: clock.sleep }),
  };
  const made = await createManagedToken(
    v.vault,
    { environmentId: v.environmentId, connectionId: v.connectionId, label: 'ci', rotationPolicy: { graceMinutes: 0 } },
    deps,
  );
  if (made.status !== 'done' || made.tokenId === null) throw new Error(`setup: ${made.status}`);
  return { world, vault: v.vault, deps, tokenId: made.tokenId };
}

describe.each(KEYED_PROVIDERS)('a %s rotation whose new key fails its test', (provider) => {
  it('revokes the new key, keeps the old one current and ends abandoned via discarding', async () => {
    const s = await managedToken(provider);
    const oldKey = s.vault.getToken(s.tokenId).providerKeyId;
    const oldSecret = s.vault.openSecret(s.tokenId);
    const committed: string[] = [];
    let verifyRequests = -1;
    const outcome = await rotateToken(s.vault, s.tokenId, {
      ...s.deps,
      faultPoint: (label) => {
        // The provider refuses every request of the new key's check with 401 (not transient).
        if (label === 'before verify') {
          verifyRequests = s.world.requestCount();
          s.world.inject({ fault: { kind: 'status', status: 401 }, times: 100 });
        }
        if (label === 'after verify') s.world.clearFaults();
        const step = /^after commit journal (.+)$/.exec(label)?.[1];
        if (step !== undefined) committed.push(step);
      },
    });

    expect(verifyRequests, 'the test step called the provider').toBeGreaterThanOrEqual(0);
    expect(s.world.requestCount()).toBeGreaterThan(verifyRequests);
    expect(outcome).toMatchObject({ status: 'failed', reason: expect.stringMatching(/failed its test/) });
    expect(committed).toEqual(['created', 'discarding', 'abandoned']);
    expect(parseJournal(s.vault.getJournal(outcome.journalId)).rotation.step).toBe('abandoned');
    const versions = s.vault.listVersions(s.tokenId);
    expect(versions).toHaveLength(2);
    const newKey = versions.find((version) => version.providerKeyId !== oldKey)?.providerKeyId;
    expect(newKey).toEqual(expect.any(String));

    const active = s.world.activeKeys().map((key) => key.id);
    expect(active).not.toContain(newKey);
    expect(active).toContain(oldKey);
    expect(s.vault.getToken(s.tokenId).providerKeyId).toBe(oldKey);
    expect(s.vault.openSecret(s.tokenId)).toBe(oldSecret);
    const statuses = versions.map((version) => [version.providerKeyId, version.status]);
    expect(statuses).toEqual(
      expect.arrayContaining([
        [oldKey, 'current'],
        [newKey, 'revoked'],
      ]),
    );
  });
});
