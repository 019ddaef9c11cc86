/**
 * Revoking a token: the token is marked revoked first (nothing hands its value out any more), then
 * every live key at the provider, each version marked revoked as soon as the provider confirms. A
 * refused revoke stops at that key (revoke-failed, then the rest), a transient error leaves every
 * key live (pending), and a key with no provider id or no connection is only marked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { revokeToken, runJournal } from '../../../src/main/lifecycle/rotation';
import { parseJournal } from '../../../src/main/lifecycle/rotation-state';
import { managedSatoriToken, type Cleanups } from '../../support/managed-token';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A managed Satori token with two live keys: its current one, and a pending one made at the provider. */
async function twoLiveKeys() {
  const { world, clock, deps, tokenId } = await managedSatoriToken(cleanups);
  const second = await deps.clients.get(world.connectionId).createKey({ name: 'second', expiresAt: null });
  if (!second.ok) throw new Error('setup');
  world.vault.addVersion(tokenId, second.value.secret, { status: 'pending', providerKeyId: second.value.keyId });
  const keys = world.vault.listVersions(tokenId).map((version) => version.providerKeyId as string);
  const active = (): string[] => world.emulator.state.activeKeys().map((key) => key.id);
  return { ...world, clock, deps, tokenId, keys, active };
}

describe('revoking a token', () => {
  it('revokes every live key at the provider, marks every version and the token revoked', async () => {
    const s = await twoLiveKeys();
    expect(s.keys).toHaveLength(2);
    expect(s.active()).toEqual(expect.arrayContaining(s.keys));
    const outcome = await revokeToken(s.vault, s.tokenId, s.deps);
    expect(outcome).toMatchObject({ status: 'done', tokenId: s.tokenId });
    expect(s.active().filter((id) => s.keys.includes(id))).toEqual([]);
    expect(s.vault.listVersions(s.tokenId).map((version) => version.status)).toEqual(['revoked', 'revoked']);
    expect(s.vault.getToken(s.tokenId).revoked).toBe(true);
  });

  it('stops at a key the provider refuses to revoke, shows it, and finishes once the provider accepts', async () => {
    const s = await twoLiveKeys();
    s.emulator.inject({
      fault: { kind: 'status', status: 403, body: '{"detail":"Nope."}' },
      method: 'PUT',
      times: 100,
    });
    const outcome = await revokeToken(s.vault, s.tokenId, s.deps);
    expect(outcome).toMatchObject({ status: 'needs-user', message: expect.stringMatching(/403/) });
    const { rotation } = parseJournal(s.vault.getJournal(outcome.journalId));
    expect(rotation).toMatchObject({ step: 'revoke-failed', then: 'planned' });
    const refused = rotation.step === 'revoke-failed' ? rotation.keyId : '';
    expect(s.keys).toContain(refused);
    expect(s.vault.listVersions(s.tokenId).map((version) => version.status)).not.toContain('revoked');
    // The token is marked revoked first, so nothing hands its value out while keys still live.
    expect(s.vault.getToken(s.tokenId).revoked).toBe(true);
    expect(s.active()).toEqual(expect.arrayContaining(s.keys));

    s.emulator.clearFaults();
    expect(await runJournal(s.vault, outcome.journalId, s.deps)).toMatchObject({ status: 'done' });
    expect(s.active().filter((id) => s.keys.includes(id))).toEqual([]);
    expect(s.vault.listVersions(s.tokenId).map((version) => version.status)).toEqual(['revoked', 'revoked']);
    expect(s.vault.getToken(s.tokenId).revoked).toBe(true);
  });

  it('leaves every key live on a transient error, the token marked revoked, and says so as pending', async () => {
    const s = await twoLiveKeys();
    s.emulator.inject({ fault: { kind: 'status', status: 503 }, method: 'PUT', times: 100 });
    const outcome = await revokeToken(s.vault, s.tokenId, s.deps);
    expect(outcome).toMatchObject({ status: 'pending', error: { code: 'PROVIDER_UNAVAILABLE' } });
    expect(parseJournal(s.vault.getJournal(outcome.journalId)).rotation.step).toBe('planned');
    expect(s.vault.listVersions(s.tokenId).map((version) => version.status)).not.toContain('revoked');
    expect(s.active()).toEqual(expect.arrayContaining(s.keys));
    expect(s.vault.getToken(s.tokenId).revoked).toBe(true);
  });

  it('only marks a token without a connection revoked: there is no provider to ask', async () => {
    const s = await twoLiveKeys();
    const manual = s.vault.addToken({
      environmentId: s.environmentId,
      label: 'pasted',
      kind: 'manual',
      provider: 'manual',
      secret: 'v1',
    });
    const requests = s.emulator.requests.length;
    expect(await revokeToken(s.vault, manual.id, s.deps)).toMatchObject({ status: 'done' });
    expect(s.emulator.requests.length).toBe(requests);
    expect(s.vault.listVersions(manual.id).map((version) => version.status)).toEqual(['revoked']);
    expect(s.vault.getToken(manual.id).revoked).toBe(true);
  });
});
