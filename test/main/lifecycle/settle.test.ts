import { afterEach, describe, expect, it } from 'vitest';
import { ProviderClients } from '../../../src/main/lifecycle/clients';
import type { LifecycleDeps } from '../../../src/main/lifecycle/context';
import { journalIdOf } from '../../../src/main/lifecycle/key-name';
import { reconcile } from '../../../src/main/lifecycle/reconcile';
import { createManagedToken, revokeToken, rotateToken, runJournal } from '../../../src/main/lifecycle/rotation';
import { parseJournal } from '../../../src/main/lifecycle/rotation-state';
import { settleCreates, settleToken } from '../../../src/main/lifecycle/settle';
import type { Vault } from '../../../src/main/vault/types';
import { satoriWorld } from '../../support/lifecycle-fixture';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function world() {
  const w = await satoriWorld();
  cleanups.push(() => w.emulator.close());
  cleanups.push(() => void w.vault.lock());
  const deps: LifecycleDeps = {
    now: Date.now,
    clients: new ProviderClients(w.vault, { now: Date.now, sleep: async () => undefined, timeoutMs: 3000 }),
    actor: 'test',
  };
  const request = { environmentId: w.environmentId, connectionId: w.connectionId, label: 'ci' };
  return { ...w, deps, request };
}

/** The process "dies" at `label`: the run stops there, its lock goes as the kernel would drop it. */
function dyingAt(deps: LifecycleDeps, label: string): LifecycleDeps {
  return {
    ...deps,
    faultPoint: (point) => {
      if (point === label) throw new Error(`killed at ${label}`);
    },
  };
}

const liveKeys = (w: Awaited<ReturnType<typeof world>>): { id: string; name: string }[] =>
  w.emulator.state.activeKeys().filter((key) => key.name !== 'bootstrap');

const stepOf = (vault: Vault, journalId: string): string => parseJournal(vault.getJournal(journalId)).rotation.step;

const onlyJournal = (vault: Vault): string => {
  const [entry] = vault.listJournal({ unfinishedOnly: true });
  if (entry === undefined) throw new Error('no open journal');
  return entry.id;
};

describe('finishing what an earlier run left open', () => {
  it('discards a create abandoned after the provider made its key, revokes that key, and never creates it later', async () => {
    const w = await world();
    await expect(createManagedToken(w.vault, w.request, dyingAt(w.deps, 'after createKey'))).rejects.toThrow(/killed/);
    const journalId = onlyJournal(w.vault);
    const [orphan] = liveKeys(w);
    expect(journalIdOf(orphan?.name ?? '')).toBe(journalId);

    const report = await reconcile(w.vault, w.deps.clients, { actor: 'test reconcile' });
    expect(report.entries).toMatchObject([
      { journalId, operation: 'create', from: 'planned', outcome: { status: 'failed' } },
    ]);
    expect(stepOf(w.vault, journalId)).toBe('abandoned');
    expect(liveKeys(w)).toEqual([]);
    expect(w.vault.listTokens()).toEqual([]);
    const details = w.vault.listAudit().map((entry) => `${entry.action} ${entry.detail}`);
    expect(details).toContainEqual(
      expect.stringMatching(new RegExp(`^revoke orphan key ${orphan?.id} of create ${journalId}`)),
    );
    expect(details).toContainEqual(
      expect.stringMatching(/^create .* abandoned: Not created.*resumed from planned by test reconcile/),
    );
    // Reconciled again (the app's next unlock): nothing is carried out.
    await reconcile(w.vault, w.deps.clients);
    expect(w.vault.listTokens()).toEqual([]);
    expect(liveKeys(w)).toEqual([]);
  });

  it('gives up a create at once when the provider does not answer, instead of leaving it queued', async () => {
    const w = await world();
    w.emulator.inject({ fault: { kind: 'status', status: 503 }, method: 'POST', times: 1 });
    const outcome = await createManagedToken(w.vault, w.request, w.deps);
    expect(outcome).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^Not created: .*nothing was kept/),
    });
    expect(w.vault.listJournal({ unfinishedOnly: true })).toEqual([]);
    expect(w.vault.listTokens()).toEqual([]);
    const made = await createManagedToken(w.vault, w.request, w.deps);
    expect(made.status).toBe('done');
    expect(liveKeys(w)).toHaveLength(1);
  });

  it('finishes a create killed after its key was stored: the token the user sees stays', async () => {
    const w = await world();
    // (Killed between the two commits: a throw inside the store's own commit would revoke the key.)
    const dying = dyingAt(w.deps, 'before commit journal created');
    await expect(createManagedToken(w.vault, w.request, dying)).rejects.toThrow();
    const settled = await settleCreates(w.vault, w.environmentId, 'CI', w.deps);
    expect(settled.map((entry) => entry.outcome)).toMatchObject([{ status: 'done' }]);
    const [token] = w.vault.listTokens();
    expect(liveKeys(w).map((key) => key.id)).toEqual([token?.providerKeyId]);
  });

  it('resumes a rotation killed after the provider made its key: one live key, the vault’s current one', async () => {
    const w = await world();
    const made = await createManagedToken(w.vault, w.request, w.deps);
    const tokenId = made.tokenId ?? '';
    const oldKey = w.vault.getToken(tokenId).providerKeyId;
    await expect(rotateToken(w.vault, tokenId, dyingAt(w.deps, 'after createKey'))).rejects.toThrow(/killed/);
    expect(liveKeys(w)).toHaveLength(2);
    const settled = await settleToken(w.vault, tokenId, w.deps);
    expect(settled).toMatchObject([{ operation: 'rotate', from: 'planned', outcome: { status: 'done' } }]);
    const current = w.vault.getToken(tokenId).providerKeyId;
    expect(current).not.toBe(oldKey);
    expect(liveKeys(w).map((key) => key.id)).toEqual([current]);
  });

  it('leaves an entry a live process holds alone: no step, no sweep of its key, until that process is gone', async () => {
    const w = await world();
    const made = await createManagedToken(w.vault, w.request, w.deps);
    const tokenId = made.tokenId ?? '';
    await expect(rotateToken(w.vault, tokenId, dyingAt(w.deps, 'after createKey'))).rejects.toThrow(/killed/);
    const journalId = onlyJournal(w.vault);
    const owner = w.vault.claimJournal(journalId);
    expect(owner).not.toBeNull();
    const before = liveKeys(w)
      .map((key) => key.id)
      .sort();

    expect(await runJournal(w.vault, journalId, w.deps)).toMatchObject({ status: 'busy', journalId, tokenId });
    expect((await settleToken(w.vault, tokenId, w.deps)).map((entry) => entry.outcome.status)).toEqual(['busy']);
    const report = await reconcile(w.vault, w.deps.clients);
    expect(report.outcomes.map((outcome) => outcome.status)).toEqual(['busy']);
    expect(report.orphansRevoked).toBe(0);
    await expect(rotateToken(w.vault, tokenId, w.deps)).rejects.toThrow(
      /Another Keyturn process is working on this token/,
    );
    expect(stepOf(w.vault, journalId)).toBe('planned');
    expect(
      liveKeys(w)
        .map((key) => key.id)
        .sort(),
    ).toEqual(before);

    owner?.release();
    expect((await settleToken(w.vault, tokenId, w.deps)).map((entry) => entry.outcome.status)).toEqual(['done']);
    expect(liveKeys(w).map((key) => key.id)).toEqual([w.vault.getToken(tokenId).providerKeyId]);
  });

  it('revokes whatever rotation is left open: every key of the token dies, the rotation ends', async () => {
    const w = await world();
    const made = await createManagedToken(w.vault, w.request, w.deps);
    const tokenId = made.tokenId ?? '';
    // Killed once the new key was stored as pending: two live keys, both known to the vault.
    await expect(rotateToken(w.vault, tokenId, dyingAt(w.deps, 'after commit journal created'))).rejects.toThrow();
    const rotation = onlyJournal(w.vault);
    expect(liveKeys(w)).toHaveLength(2);
    const outcome = await revokeToken(w.vault, tokenId, w.deps);
    expect(outcome.status).toBe('done');
    expect(liveKeys(w)).toEqual([]);
    expect(w.vault.getToken(tokenId).revoked).toBe(true);
    await settleToken(w.vault, tokenId, w.deps);
    expect(stepOf(w.vault, rotation)).toBe('abandoned');
    expect(w.vault.listJournal({ unfinishedOnly: true })).toEqual([]);
  });

  it('revokes a key a live rotation stores after the revoke started: the rotation revokes its own new key', async () => {
    const w = await world();
    const made = await createManagedToken(w.vault, w.request, w.deps);
    const tokenId = made.tokenId ?? '';
    let revoking: Promise<unknown> = Promise.resolve();
    const rotating = rotateToken(w.vault, tokenId, {
      ...w.deps,
      // The revoke runs (in this process, with its own lock) while the rotation waits for its new key.
      faultPoint: (label) => {
        if (label === 'before createKey') revoking = revokeToken(w.vault, tokenId, w.deps);
      },
    });
    const outcome = await rotating;
    expect(await revoking).toMatchObject({ status: 'done' });
    expect(outcome).toMatchObject({ status: 'failed', reason: expect.stringMatching(/token was revoked/) });
    expect(liveKeys(w)).toEqual([]);
    expect(w.vault.listVersions(tokenId).every((version) => version.status === 'revoked')).toBe(true);
  });

  it('rotates and revokes a pasted Satori token by the key id it carries, but never the connection’s own credential', async () => {
    const w = await world();
    const pasted = w.emulator.state.issueToken(w.emulator.seed.tenantId, 'made by hand');
    const token = w.vault.addToken({
      environmentId: w.environmentId,
      label: 'pasted',
      kind: 'api-key',
      provider: 'satori',
      secret: pasted,
    });
    const handMade = liveKeys(w).find((key) => key.name === 'made by hand')?.id;
    const rotated = await rotateToken(w.vault, token.id, w.deps);
    expect(rotated.status).toBe('done');
    expect(liveKeys(w).map((key) => key.id)).not.toContain(handMade);
    expect(liveKeys(w).map((key) => key.id)).toEqual([w.vault.getToken(token.id).providerKeyId]);

    const second = w.emulator.state.issueToken(w.emulator.seed.tenantId, 'second by hand');
    const other = w.vault.addToken({
      environmentId: w.environmentId,
      label: 'two',
      kind: 'api-key',
      provider: 'satori',
      secret: second,
    });
    expect((await revokeToken(w.vault, other.id, w.deps)).status).toBe('done');
    expect(liveKeys(w).map((key) => key.name)).not.toContain('second by hand');

    const own = w.vault.addToken({
      environmentId: w.environmentId,
      label: 'bootstrap copy',
      kind: 'api-key',
      provider: 'satori',
      secret: w.emulator.seed.bootstrapToken,
    });
    const kept = await rotateToken(w.vault, own.id, w.deps);
    expect(kept).toMatchObject({ status: 'needs-user' });
    expect(w.emulator.state.activeKeys().map((key) => key.name)).toContain('bootstrap');
  });
});
