/**
 * The last step of a provider rotation (rotation-steps.ts: promoted → done): the old key is
 * revoked only after the grace period, measured from the promotion; a provider briefly
 * unavailable leaves it pending; a key the provider no longer knows counts as revoked; and a
 * manual rotation never revokes the old key itself, even one the provider made (the user confirms).
 * A real Satori emulator on 127.0.0.1, a real vault file, a fake clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { awaitingConfirmation, rotateManually } from '../../../src/main/lifecycle/manual-rotation';
import { rotateToken, runJournal } from '../../../src/main/lifecycle/rotation';
import { parseJournal } from '../../../src/main/lifecycle/rotation-state';
import { managedSatoriToken, type Cleanups } from '../../support/managed-token';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function managedToken() {
  const made = await managedSatoriToken(cleanups);
  const { vault, emulator } = made.world;
  const step = (journalId: string) => parseJournal(vault.getJournal(journalId)).rotation.step;
  const active = (): string[] => emulator.state.activeKeys().map((key) => key.id);
  const statuses = (): string[] => vault.listVersions(made.tokenId).map((version) => version.status);
  const oldKey = vault.getToken(made.tokenId).providerKeyId;
  return { ...made, vault, emulator, step, active, statuses, oldKey };
}

describe('retiring the old key', () => {
  it('waits the whole grace period from the promotion, then revokes it', async () => {
    const s = await managedToken();
    s.vault.updateToken(s.tokenId, { rotationPolicy: { graceMinutes: 60 } });
    const promotedAt = s.clock.now();

    const first = await rotateToken(s.vault, s.tokenId, s.deps);

    const until = promotedAt + 60 * 60_000;
    expect(first).toEqual({ status: 'waiting', journalId: first.journalId, tokenId: s.tokenId, until });
    s.clock.advance(59 * 60_000);
    expect(await runJournal(s.vault, first.journalId, s.deps)).toMatchObject({ status: 'waiting', until });
    expect(s.active()).toContain(s.oldKey);

    s.clock.advance(60_000);
    expect(await runJournal(s.vault, first.journalId, s.deps)).toMatchObject({ status: 'done' });
    expect(s.active()).not.toContain(s.oldKey);
    expect(s.statuses()).toEqual(['revoked', 'current']);
  });

  it('stays promoted while the provider is briefly unavailable, and counts a key it lost as revoked', async () => {
    const s = await managedToken();
    s.emulator.inject({ fault: { kind: 'status', status: 503 }, method: 'PUT', times: 100 });

    const first = await rotateToken(s.vault, s.tokenId, s.deps);

    expect(first).toMatchObject({ status: 'pending', tokenId: s.tokenId, error: { code: 'PROVIDER_UNAVAILABLE' } });
    expect(s.step(first.journalId)).toBe('promoted');
    expect(s.statuses()).toEqual(['previous', 'current']);

    // Both of Satori's revoke paths (with and without the trailing slash) answer 404.
    s.emulator.clearFaults();
    s.emulator.inject({ fault: { kind: 'status', status: 404 }, method: 'PUT', times: 2 });
    expect(await runJournal(s.vault, first.journalId, s.deps)).toMatchObject({ status: 'done' });
    expect(s.statuses()).toEqual(['revoked', 'current']);
    expect(s.active()).toContain(s.oldKey);
  });
});

describe('a manual rotation of a key the provider made', () => {
  it('leaves the old key live at the provider and waits for the user to confirm it revoked', async () => {
    const s = await managedToken();
    // A key the user made at the provider by hand, pasted as the new value.
    const pasted = await s.deps.clients.get(s.world.connectionId).createKey({ name: 'made by hand', expiresAt: null });
    if (!pasted.ok) throw new Error(`setup: ${pasted.error.code}`);

    const outcome = await rotateManually(s.vault, s.tokenId, pasted.value.secret, s.deps);

    expect(outcome).toMatchObject({ status: 'needs-user', verified: true });
    expect(s.step(outcome.journalId)).toBe('awaiting-confirmation');
    expect(awaitingConfirmation(s.vault, s.tokenId)).toBe(outcome.journalId);
    expect(s.active()).toContain(s.oldKey);
    expect(s.statuses()).toEqual(['previous', 'current']);
  });
});
