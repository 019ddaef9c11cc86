/**
 * How a revoke runs, step by step (step-revoke.ts): the token is marked revoked once, before the
 * provider is asked; each live key is revoked at the provider exactly once; the versions are read
 * again until none is live, within MAX_PASSES passes, after which the entry stays pending rather
 * than claim `done` with a live key. A real Satori emulator on 127.0.0.1 and a real vault file;
 * the fault-point hook records the steps (the labels the crash tests number).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { revokeToken, runJournal } from '../../../src/main/lifecycle/rotation';
import { MAX_PASSES } from '../../../src/main/lifecycle/step-revoke';
import { managedSatoriToken, type Cleanups } from '../../support/managed-token';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A managed Satori token and a deps whose fault points are recorded (and can act, through `onPoint`). */
async function managedToken() {
  const points: string[] = [];
  let onPoint: (label: string) => void = () => undefined;
  const { world, deps, tokenId } = await managedSatoriToken(cleanups, {
    faultPoint: (label) => {
      points.push(label);
      onPoint(label);
    },
  });
  /** A key made at the provider (not yet in the vault), as a rotation in another process would. */
  const providerKey = async (name: string) => {
    const key = await deps.clients.get(world.connectionId).createKey({ name, expiresAt: null });
    if (!key.ok) throw new Error('setup');
    return key.value;
  };
  const addPending = (key: { keyId: string; secret: string }) =>
    world.vault.addVersion(tokenId, key.secret, { status: 'pending', providerKeyId: key.keyId });
  const active = (): string[] => world.emulator.state.activeKeys().map((key) => key.id);
  const statuses = (): string[] => world.vault.listVersions(tokenId).map((version) => version.status);
  const record = (): string[] => points.splice(0).filter((label) => !label.includes('journal'));
  const setOnPoint = (act: (label: string) => void): void => void (onPoint = act);
  return { ...world, deps, tokenId, providerKey, addPending, active, statuses, record, setOnPoint };
}

const revokeKeyPoints = [
  'before revokeKey',
  'after revokeKey',
  'before commit version revoked',
  'after commit version revoked',
];

describe('a revoke, step by step', () => {
  it('marks the token revoked first, then revokes each live key at the provider once', async () => {
    const s = await managedToken();
    s.addPending(await s.providerKey('second'));
    s.record();
    expect(await revokeToken(s.vault, s.tokenId, s.deps)).toMatchObject({ status: 'done' });
    expect(s.record()).toEqual([
      'before commit token revoked',
      'after commit token revoked',
      ...revokeKeyPoints,
      ...revokeKeyPoints,
    ]);
    expect(s.statuses()).toEqual(['revoked', 'revoked']);
  });

  it('marks the token revoked only once when a revoke resumes after a transient error', async () => {
    const s = await managedToken();
    s.emulator.inject({ fault: { kind: 'status', status: 503 }, method: 'PUT', times: 100 });
    const first = await revokeToken(s.vault, s.tokenId, s.deps);
    expect(first).toMatchObject({ status: 'pending', error: { code: 'PROVIDER_UNAVAILABLE' } });
    expect(s.record()).toContain('before commit token revoked');
    s.emulator.clearFaults();
    expect(await runJournal(s.vault, first.journalId, s.deps)).toMatchObject({ status: 'done' });
    expect(s.record()).toEqual(revokeKeyPoints);
    expect(s.statuses()).toEqual(['revoked']);
  });

  it(`stays pending after ${MAX_PASSES} passes while keys keep appearing, and the next run finishes`, async () => {
    const s = await managedToken();
    const spares: Awaited<ReturnType<typeof s.providerKey>>[] = [];
    for (let i = 0; i < MAX_PASSES + 2; i += 1) spares.push(await s.providerKey(`spare-${i}`));
    let added = 0;
    // Each key revoked, another appears (a rotation storing its new key meanwhile), while spares last.
    s.setOnPoint((label) => {
      const spare = spares[added];
      if (label !== 'after commit version revoked' || spare === undefined) return;
      added += 1;
      s.addPending(spare);
    });
    const first = await revokeToken(s.vault, s.tokenId, s.deps);
    expect(first).toMatchObject({
      status: 'pending',
      error: {
        code: 'ROTATION_IN_PROGRESS',
        message: 'New keys kept appearing while revoking; the rest are revoked on the next run',
      },
    });
    // One key a pass: the token's own and the first MAX_PASSES - 1 spares; the next spare is live.
    const live = s.vault.listVersions(s.tokenId).filter((version) => version.status !== 'revoked');
    expect(live.map((version) => version.providerKeyId)).toEqual([spares[MAX_PASSES - 1]?.keyId]);
    expect(s.statuses().filter((status) => status === 'revoked')).toHaveLength(MAX_PASSES);
    expect(s.active()).toContain(spares[MAX_PASSES - 1]?.keyId);

    s.setOnPoint(() => undefined);
    expect(await runJournal(s.vault, first.journalId, s.deps)).toMatchObject({ status: 'done' });
    expect(s.statuses()).not.toContain('pending');
    expect(s.active()).not.toContain(spares[MAX_PASSES - 1]?.keyId);
  });

  it('only marks a session at a provider that cannot end sessions', async () => {
    const s = await managedToken();
    const session = s.vault.addToken({
      environmentId: s.environmentId,
      label: 'a session',
      kind: 'session',
      provider: 'satori',
      secret: 'not-a-jwt-session-value',
      connectionId: s.connectionId,
    });
    const requests = s.emulator.requests.length;
    expect(await revokeToken(s.vault, session.id, s.deps)).toMatchObject({ status: 'done' });
    expect(s.emulator.requests.length).toBe(requests);
    expect(s.vault.listVersions(session.id).map((version) => version.status)).toEqual(['revoked']);
  });

  it('refuses to run a revoke entry that names no token, and changes nothing', async () => {
    const s = await managedToken();
    const entry = s.vault.addJournal({
      tokenId: null,
      operation: 'revoke',
      state: 'planned',
      data: {
        tokenId: null,
        connectionId: s.connectionId,
        label: 'ci',
        environmentId: s.environmentId,
        previousVersionId: null,
        previousKeyId: null,
        graceMinutes: 0,
        rotationPolicy: null,
        lastError: null,
        verified: null,
      },
    });
    const requests = s.emulator.requests.length;
    await expect(runJournal(s.vault, entry.id, s.deps)).rejects.toThrow(/^revoke without a token$/);
    expect(s.emulator.requests.length).toBe(requests);
    expect(s.vault.getJournal(entry.id).state).toBe('planned');
    expect(s.vault.getToken(s.tokenId).revoked).toBe(false);
  });
});
