/**
 * The steps of a provider rotation after the create (rotation-steps.ts), one by one: the
 * fault-point labels the crash tests number, what the test step records, a verify the provider
 * cannot answer for a moment (pending, resumed later), a run resumed between a write and its
 * journal entry (the write is not made twice), and entries that name no token (refused). A real
 * Satori emulator on 127.0.0.1, a real vault file, a fake clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rotateToken, runJournal } from '../../../src/main/lifecycle/rotation';
import { parseJournal } from '../../../src/main/lifecycle/rotation-state';
import { crashableSatoriToken, type Cleanups } from '../../support/managed-token';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Satori's tenant endpoint: where a key's verify goes (the key list and the revokes are below it). */
const TENANT_PATH = /^\/api\/tenants\/[^/]+\/$/;

async function managedToken() {
  const made = await crashableSatoriToken(cleanups);
  const step = (journalId: string) => parseJournal(made.vault.getJournal(journalId)).rotation;
  const statuses = (): string[] => made.vault.listVersions(made.tokenId).map((version) => version.status);
  return { ...made, step, statuses };
}

describe('a rotation, step by step', () => {
  it('passes the fault points in order and records when the new key was verified', async () => {
    const s = await managedToken();
    s.points.splice(0);
    s.clock.advance(60_000);
    const verifiedAt = s.clock.now();

    expect(await rotateToken(s.vault, s.tokenId, s.deps)).toMatchObject({ status: 'done' });

    const remote = (label: string) => [`before ${label}`, `after ${label}`];
    const commit = (label: string) => remote(`commit ${label}`);
    expect(s.points).toEqual([
      ...remote('listKeys'),
      ...remote('createKey'),
      ...commit('store secret'),
      ...commit('journal created'),
      ...remote('verify'),
      ...commit('last verified'),
      ...commit('journal tested'),
      ...commit('promote'),
      ...commit('journal promoted'),
      ...remote('revokeKey'),
      ...commit('version revoked'),
      ...commit('journal done'),
    ]);
    expect(s.vault.getToken(s.tokenId).lastVerifiedAt).toBe(verifiedAt);
  });
});

describe('a provider briefly unavailable', () => {
  it('leaves the new key created and untested while its verify fails, then finishes', async () => {
    const s = await managedToken();
    const lastVerified = s.vault.getToken(s.tokenId).lastVerifiedAt;
    s.emulator.inject({ fault: { kind: 'status', status: 503 }, method: 'GET', path: TENANT_PATH, times: 100 });

    const first = await rotateToken(s.vault, s.tokenId, s.deps);

    expect(first).toMatchObject({ status: 'pending', tokenId: s.tokenId, error: { code: 'PROVIDER_UNAVAILABLE' } });
    expect(s.step(first.journalId)).toMatchObject({ step: 'created', verified: null });
    expect(s.vault.getToken(s.tokenId).lastVerifiedAt).toBe(lastVerified);
    expect(s.statuses()).toEqual(['current', 'pending']);

    s.emulator.clearFaults();
    expect(await runJournal(s.vault, first.journalId, s.deps)).toMatchObject({ status: 'done' });
    expect(s.step(first.journalId)).toMatchObject({ step: 'done', verified: true });
  });
});

describe('a rotation resumed after its process stopped between a write and its journal entry', () => {
  it('does not promote the new version again', async () => {
    const s = await managedToken();
    s.crashBefore('before commit journal promoted');
    await expect(rotateToken(s.vault, s.tokenId, s.deps)).rejects.toThrow(/^stopped at/);
    const [open] = s.vault.listJournal({ unfinishedOnly: true });
    if (open === undefined) throw new Error('setup: no open entry');
    expect(open.state).toBe('tested');
    expect(s.statuses()).toEqual(['previous', 'current']);
    s.crashBefore(null);
    s.points.splice(0);

    expect(await runJournal(s.vault, open.id, s.deps)).toMatchObject({ status: 'done' });
    expect(s.points.filter((label) => !label.includes('journal'))).toEqual([
      'before revokeKey',
      'after revokeKey',
      'before commit version revoked',
      'after commit version revoked',
    ]);
    expect(s.statuses()).toEqual(['revoked', 'current']);
  });

  it('does not mark the old version revoked again', async () => {
    const s = await managedToken();
    s.crashBefore('before commit journal done');
    await expect(rotateToken(s.vault, s.tokenId, s.deps)).rejects.toThrow(/^stopped at/);
    const [open] = s.vault.listJournal({ unfinishedOnly: true });
    if (open === undefined) throw new Error('setup: no open entry');
    expect(s.statuses()).toEqual(['revoked', 'current']);
    s.crashBefore(null);
    s.points.splice(0);

    expect(await runJournal(s.vault, open.id, s.deps)).toMatchObject({ status: 'done' });
    // The old key is already inactive at the provider: revoking it again is harmless; marking is not repeated.
    expect(s.points.filter((label) => !label.includes('journal'))).toEqual(['before revokeKey', 'after revokeKey']);
  });
});

describe('an entry past planned that names no token', () => {
  it.each(['created', 'tested'] as const)('refuses to run a %s entry, and changes nothing', async (state) => {
    const s = await managedToken();
    const [version] = s.vault.listVersions(s.tokenId);
    const entry = s.vault.addJournal({
      tokenId: null,
      operation: 'rotate',
      state,
      data: {
        tokenId: null,
        connectionId: s.world.connectionId,
        label: 'ci',
        environmentId: s.world.environmentId,
        previousVersionId: null,
        previousKeyId: null,
        graceMinutes: 0,
        newVersionId: version?.id,
        newKeyId: null,
      },
    });
    const requests = s.emulator.requests.length;
    await expect(runJournal(s.vault, entry.id, s.deps)).rejects.toThrow(new RegExp(`^${state} without a token$`));
    expect(s.emulator.requests.length).toBe(requests);
    expect(s.vault.getJournal(entry.id).state).toBe(state);
  });
});
