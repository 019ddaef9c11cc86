/**
 * A new key that failed its test, after the test (rotation-steps.ts: discarding → abandoned): its
 * revoke waits out a provider briefly unavailable, becomes `revoke-failed` (then `abandoned`) when
 * the provider refuses it, and finishes once the provider lets it go. A `create` whose only key
 * failed marks its token revoked. A real Satori emulator on 127.0.0.1, a real vault file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KeyturnError } from '../../../src/shared/errors';
import type { LifecycleDeps } from '../../../src/main/lifecycle/context';
import { createManagedToken, rotateToken, runJournal } from '../../../src/main/lifecycle/rotation';
import { parseJournal } from '../../../src/main/lifecycle/rotation-state';
import { managedSatoriToken, type Cleanups } from '../../support/managed-token';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Satori's tenant endpoint: where a key's verify goes. */
const TENANT_PATH = /^\/api\/tenants\/[^/]+\/$/;
const REFUSED = {
  fault: { kind: 'status', status: 403, body: '{"detail":"Nope."}' },
  method: 'PUT',
  times: 100,
} as const;

async function managedToken() {
  const made = await managedSatoriToken(cleanups);
  const { vault, emulator } = made.world;
  /** The deps of a run whose new key the provider refuses (401) when it is tested. */
  const failingTest: LifecycleDeps = {
    ...made.deps,
    faultPoint: (label) => {
      if (label === 'before verify')
        emulator.inject({ fault: { kind: 'status', status: 401 }, method: 'GET', path: TENANT_PATH, times: 100 });
      if (label === 'after verify') emulator.clearFaults();
    },
  };
  /** The deps of a run whose new key fails its test, after which the provider meets revokes with `fault`. */
  const failingTestThenRevoke = (fault: Parameters<typeof emulator.inject>[0]): LifecycleDeps => ({
    ...failingTest,
    faultPoint: (label) => {
      failingTest.faultPoint?.(label);
      if (label === 'after verify') emulator.inject(fault);
    },
  });
  const rotation = (journalId: string) => parseJournal(vault.getJournal(journalId)).rotation;
  const active = (): string[] => emulator.state.activeKeys().map((key) => key.id);
  const statuses = (tokenId = made.tokenId): string[] => vault.listVersions(tokenId).map((version) => version.status);
  return { ...made, vault, emulator, failingTest, failingTestThenRevoke, rotation, active, statuses };
}

describe('a new key that failed its test', () => {
  it('stays discarding while its revoke meets a provider briefly unavailable', async () => {
    const s = await managedToken();
    const first = await rotateToken(
      s.vault,
      s.tokenId,
      s.failingTestThenRevoke({ fault: { kind: 'status', status: 503 }, method: 'PUT', times: 100 }),
    );

    expect(first).toMatchObject({ status: 'pending', tokenId: s.tokenId, error: { code: 'PROVIDER_UNAVAILABLE' } });
    const discarding = s.rotation(first.journalId);
    expect(discarding).toMatchObject({
      step: 'discarding',
      reason: expect.stringMatching(/^The new key failed its test: /),
    });
    const newKey = discarding.step === 'discarding' ? discarding.newKeyId : null;
    expect(s.active()).toContain(newKey);
    expect(s.statuses()).toEqual(['current', 'pending']);

    s.emulator.clearFaults();
    expect(await runJournal(s.vault, first.journalId, s.deps)).toMatchObject({ status: 'failed' });
    expect(s.active()).not.toContain(newKey);
    expect(s.statuses()).toEqual(['current', 'revoked']);
  });

  it('becomes revoke-failed when the provider refuses its revoke, then abandoned once it goes', async () => {
    const s = await managedToken();
    const first = await rotateToken(s.vault, s.tokenId, s.failingTestThenRevoke(REFUSED));

    const refusal = { code: 'PROVIDER_FORBIDDEN', message: 'Satori answered 403: Nope.' };
    expect(first).toEqual({
      status: 'needs-user',
      journalId: first.journalId,
      tokenId: s.tokenId,
      message: refusal.message,
      error: refusal,
    });
    const failed = s.rotation(first.journalId);
    expect(failed).toMatchObject({
      step: 'revoke-failed',
      then: 'abandoned',
      message: refusal.message,
      reason: expect.stringMatching(/^The new key failed its test: /),
    });
    const newVersion = s.vault.listVersions(s.tokenId).find((version) => version.status === 'pending');
    expect(failed).toMatchObject({ keyId: newVersion?.providerKeyId, versionId: newVersion?.id });
    expect(s.active()).toContain(newVersion?.providerKeyId);

    // Refused again: still needs the user, nothing marked.
    expect(await runJournal(s.vault, first.journalId, s.deps)).toMatchObject({ status: 'needs-user', error: refusal });
    expect(s.statuses()).toEqual(['current', 'pending']);

    s.emulator.clearFaults();
    // Abandoned because the new key failed its test, not because the provider once refused a revoke.
    expect(await runJournal(s.vault, first.journalId, s.deps)).toEqual({
      status: 'failed',
      journalId: first.journalId,
      tokenId: s.tokenId,
      reason: failed.step === 'revoke-failed' ? failed.reason : 'not revoke-failed',
    });
    expect(s.rotation(first.journalId)).toMatchObject({
      step: 'abandoned',
      reason: expect.stringMatching(/^The new key failed its test: /),
    });
    expect(s.active()).not.toContain(newVersion?.providerKeyId);
    expect(s.statuses()).toEqual(['current', 'revoked']);
    expect(s.vault.getToken(s.tokenId).revoked).toBe(false);
  });

  it('ends abandoned for the refusal when an older Keyturn left its revoke-failed entry without a reason', async () => {
    const s = await managedToken();
    const first = await rotateToken(s.vault, s.tokenId, s.failingTestThenRevoke(REFUSED));
    const entry = s.vault.getJournal(first.journalId);
    // What an older Keyturn wrote: revoke-failed carried the refusal only.
    const { reason: _reason, ...older } = entry.data as Record<string, unknown>;
    expect(_reason).toEqual(expect.stringMatching(/^The new key failed its test: /));
    s.vault.updateJournal(first.journalId, entry.state, older);
    s.emulator.clearFaults();

    const refusal = 'Satori answered 403: Nope.';
    expect(await runJournal(s.vault, first.journalId, s.deps)).toEqual({
      status: 'failed',
      journalId: first.journalId,
      tokenId: s.tokenId,
      reason: refusal,
    });
    expect(s.rotation(first.journalId)).toMatchObject({ step: 'abandoned', reason: refusal });
    expect(s.statuses()).toEqual(['current', 'revoked']);
  });
});

describe('a create whose only key failed its test', () => {
  const newToken = (s: Awaited<ReturnType<typeof managedToken>>, deps: LifecycleDeps) =>
    createManagedToken(
      s.vault,
      { environmentId: s.world.environmentId, connectionId: s.world.connectionId, label: 'second' },
      deps,
    );

  it('marks the new token revoked, not left without a usable key', async () => {
    const s = await managedToken();
    const points: string[] = [];
    const made = await newToken(s, {
      ...s.failingTest,
      faultPoint: (label) => {
        s.failingTest.faultPoint?.(label);
        points.push(label);
      },
    });

    expect(made).toMatchObject({ status: 'failed', reason: expect.stringMatching(/failed its test/) });
    if (made.tokenId === null) throw new Error('the create stored no token');
    expect(s.vault.getToken(made.tokenId).revoked).toBe(true);
    expect(s.statuses(made.tokenId)).toEqual(['revoked']);
    expect(points.filter((label) => label.includes('revoked'))).toEqual([
      'before commit version revoked',
      'after commit version revoked',
      'before commit token revoked',
      'after commit token revoked',
    ]);
    expect(s.vault.getToken(s.tokenId).revoked).toBe(false);
  });

  it('marks it revoked once the provider lets its key go after refusing', async () => {
    const s = await managedToken();
    const made = await newToken(s, s.failingTestThenRevoke(REFUSED));
    expect(made).toMatchObject({ status: 'needs-user' });
    if (made.tokenId === null) throw new Error('the create stored no token');
    expect(s.vault.getToken(made.tokenId).revoked).toBe(false);

    s.emulator.clearFaults();
    expect(await runJournal(s.vault, made.journalId, s.deps)).toMatchObject({ status: 'failed' });
    expect(s.vault.getToken(made.tokenId).revoked).toBe(true);
    expect(s.statuses(made.tokenId)).toEqual(['revoked']);
  });

  it('does not mark the token revoked again when its run resumes before the journal ended', async () => {
    const s = await managedToken();
    const points: string[] = [];
    let crashAt: string | null = 'before commit journal abandoned';
    const deps: LifecycleDeps = {
      ...s.failingTest,
      faultPoint: (label) => {
        s.failingTest.faultPoint?.(label);
        points.push(label);
        if (label === crashAt) throw new KeyturnError('VAULT_IO', `stopped at ${label}`);
      },
    };
    await expect(newToken(s, deps)).rejects.toThrow(/^stopped at/);
    const made = s.vault.listTokens().find((token) => token.label === 'second');
    expect(made?.revoked).toBe(true);
    const [open] = s.vault.listJournal({ unfinishedOnly: true });
    if (open === undefined) throw new Error('setup: no open entry');
    crashAt = null;
    points.splice(0);

    expect(await runJournal(s.vault, open.id, deps)).toMatchObject({ status: 'failed' });
    expect(points.filter((label) => label.includes('commit') && !label.includes('journal'))).toEqual([]);
  });
});
