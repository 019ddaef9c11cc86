/**
 * What reconcile's global orphan sweep does with each key it finds, and what it reports: a key
 * the provider refuses to revoke becomes one `revoke-failed` entry (not one per reconcile), a key
 * the provider no longer knows counts as revoked, a key whose journal a live process holds is
 * left alone, a failed list is reported, and an entry whose run throws does not stop the others.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KeyturnError } from '../../../src/shared/errors';
import type { LifecycleDeps } from '../../../src/main/lifecycle/context';
import { keyNameFor } from '../../../src/main/lifecycle/key-name';
import { reconcile } from '../../../src/main/lifecycle/reconcile';
import { parseJournal } from '../../../src/main/lifecycle/rotation-state';
import { managedSatoriToken, type Cleanups } from '../../support/managed-token';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A managed Satori token and a Keyturn-named key of its (finished) create journal that no vault holds. */
async function withOrphan() {
  const made = await managedSatoriToken(cleanups);
  const { vault, emulator, connectionId, environmentId } = made.world;
  const [createEntry] = vault.listJournal();
  if (createEntry === undefined) throw new Error('setup: no create journal');
  const name = keyNameFor('stray', createEntry.id);
  const created = await made.deps.clients.get(connectionId).createKey({ name, expiresAt: null });
  if (!created.ok) throw new Error(`setup: ${created.error.code}`);
  const isActive = (): boolean => emulator.state.activeKeys().some((key) => key.id === created.value.keyId);
  const run = (extra: Partial<Pick<LifecycleDeps, 'faultPoint' | 'actor'>> = {}) =>
    reconcile(vault, made.deps.clients, { now: made.clock.now, ...extra });
  return {
    ...made,
    vault,
    emulator,
    connectionId,
    environmentId,
    journalId: createEntry.id,
    name,
    orphan: created.value.keyId,
    isActive,
    run,
  };
}

describe('an orphan the provider refuses to revoke', () => {
  it('becomes one revoke-failed entry, kept until the provider lets it go', async () => {
    const s = await withOrphan();
    s.emulator.inject({
      fault: { kind: 'status', status: 403, body: '{"detail":"Nope."}' },
      method: 'PUT',
      times: 100,
    });
    const labels: string[] = [];

    const first = await s.run({ faultPoint: (label) => void labels.push(label) });

    expect(first).toMatchObject({ outcomes: [], orphansRevoked: 0, revokeFailed: 1, errors: [] });
    expect(labels).toEqual([
      'before listKeys',
      'after listKeys',
      'before revokeKey',
      'after revokeKey',
      'before commit journal revoke-failed',
      'after commit journal revoke-failed',
    ]);
    expect(s.vault.listJournal({ unfinishedOnly: true })).toHaveLength(1);
    const [open] = s.vault.listJournal({ unfinishedOnly: true });
    if (open === undefined) throw new Error('no revoke-failed entry');
    const entry = parseJournal(open);
    expect(open).toMatchObject({ tokenId: null, operation: 'revoke' });
    expect(entry.rotation).toMatchObject({
      step: 'revoke-failed',
      tokenId: null,
      connectionId: s.connectionId,
      environmentId: s.environmentId,
      label: s.name,
      keyId: s.orphan,
      then: 'done',
    });
    expect(entry.rotation.step === 'revoke-failed' && entry.rotation.message).toMatch(/\S/);
    expect(s.isActive()).toBe(true);

    // Still refused: the entry is retried, and the sweep knows the key, so no second entry.
    const second = await s.run();
    expect(second).toMatchObject({ orphansRevoked: 0, revokeFailed: 0, errors: [] });
    expect(second.entries).toMatchObject([{ journalId: open.id, operation: 'revoke', from: 'revoke-failed' }]);
    expect(s.vault.listJournal({ unfinishedOnly: true })).toHaveLength(1);

    s.emulator.clearFaults();
    const third = await s.run();
    expect(third.entries).toMatchObject([
      { journalId: open.id, label: s.name, environmentId: s.environmentId, outcome: { status: 'done' } },
    ]);
    expect(third).toMatchObject({ orphansRevoked: 0, revokeFailed: 0 });
    expect(s.isActive()).toBe(false);
  });
});

describe('an orphan the sweep revokes', () => {
  it('counts one the provider no longer knows as revoked, and says so in the audit log', async () => {
    const s = await withOrphan();
    // Both of Satori's revoke paths (with and without the trailing slash) answer 404.
    s.emulator.inject({ fault: { kind: 'status', status: 404 }, method: 'PUT', times: 2 });

    const report = await s.run();

    expect(report).toMatchObject({ orphansRevoked: 1, revokeFailed: 0, errors: [] });
    expect(s.vault.listJournal({ unfinishedOnly: true })).toEqual([]);
    expect(s.vault.listAudit().at(-1)).toMatchObject({
      action: 'revoke',
      subjectId: null,
      detail: `orphan key ${s.orphan} of journal ${s.journalId} revoked by reconcile`,
    });
  });

  it('names who reconciled, and does not count the revoked key again next time', async () => {
    const s = await withOrphan();

    expect(await s.run({ actor: 'CLI' })).toMatchObject({ orphansRevoked: 1, revokeFailed: 0 });
    expect(s.vault.listAudit().at(-1)?.detail).toBe(`orphan key ${s.orphan} of journal ${s.journalId} revoked by CLI`);
    expect(s.isActive()).toBe(false);
    // The provider still lists the inactive key: it is not an orphan any more.
    expect(await s.run()).toMatchObject({ orphansRevoked: 0, revokeFailed: 0, errors: [] });
  });

  it('leaves alone an orphan whose journal a live process holds', async () => {
    const s = await withOrphan();
    const claim = s.vault.claimJournal(s.journalId);
    if (claim === null) throw new Error('setup: the journal is already held');

    expect(await s.run()).toMatchObject({ orphansRevoked: 0, revokeFailed: 0 });
    expect(s.isActive()).toBe(true);

    claim.release();
    expect(await s.run()).toMatchObject({ orphansRevoked: 1 });
    expect(s.isActive()).toBe(false);
  });
});

describe('what reconcile reports', () => {
  it('reports a list the provider will not answer, and revokes nothing', async () => {
    const s = await withOrphan();
    s.emulator.inject({
      fault: { kind: 'status', status: 403, body: '{"detail":"Nope."}' },
      method: 'GET',
      times: 100,
    });

    const report = await s.run();

    expect(report).toMatchObject({ orphansRevoked: 0, revokeFailed: 0 });
    expect(report.errors).toMatchObject([{ code: 'PROVIDER_FORBIDDEN' }]);
    expect(s.isActive()).toBe(true);
  });

  it('does not ask a connection that cannot list keys (SynapTask) for its keys', async () => {
    const s = await withOrphan();
    const tenant = s.vault.addTenant('Other');
    const environment = s.vault.addEnvironment(tenant.id, 'dev', 'development');
    s.vault.addConnection({
      tenantId: tenant.id,
      environmentId: environment.id,
      provider: 'synaptask',
      baseUrl: s.emulator.url,
      settings: {},
      credential: { kind: 'none' },
    });

    expect(await s.run()).toMatchObject({ orphansRevoked: 1, revokeFailed: 0, errors: [] });
  });

  it('reports an entry whose run throws, and reconcile goes on to the sweep', async () => {
    const s = await withOrphan();
    s.emulator.inject({
      fault: { kind: 'status', status: 403, body: '{"detail":"Nope."}' },
      method: 'PUT',
      times: 100,
    });
    await s.run();
    s.emulator.clearFaults();
    const open = s.vault.listJournal({ unfinishedOnly: true });
    expect(open).toHaveLength(1);
    const labels: string[] = [];

    const report = await s.run({
      faultPoint: (label) => {
        labels.push(label);
        // The resumed entry's revoke is the first call; the sweep's calls after it go through.
        if (labels.length === 1) throw new KeyturnError('VAULT_IO', 'The disk went away');
      },
    });

    expect(report.errors).toEqual([{ code: 'VAULT_IO', message: 'The disk went away' }]);
    expect(report.entries).toEqual([]);
    expect(labels).toEqual(['before revokeKey', 'before listKeys', 'after listKeys']);
    expect(s.vault.listJournal({ unfinishedOnly: true })).toHaveLength(1);
  });
});
