/**
 * token:create, token:rotate, token:revoke, token:verify (the lifecycle journal engine). Each
 * first finishes what earlier runs left open on the token (lifecycle/settle.ts); each provider
 * call and each committed journal step is reported (lifecycle-progress.ts: the CLI's progress
 * lines, the window's lifecycle:progress events).
 */
import { KeyturnError } from '../../shared/errors';
import type { LifecycleResult, ReconciledView } from '../../shared/ipc-cli-channels';
import type { ConnectionView, ProviderId, TokenView } from '../../shared/model';
import type { LifecycleDeps } from '../lifecycle/context';
import type { SettledEntry } from '../lifecycle/settle';
import type { Vault } from '../vault/types';
import { requireVault } from './context';
import { providerClients } from './fresh';
import type { HandlerBodies } from './handler';
import { lifecycleRun, reconciledView, type LifecycleRun } from './lifecycle-run';
import { manualRotation } from './manual-rotation';
import { requireEnvironment, selectToken } from './resolve';
import { settleBeforeUse } from './settle-first';

type LifecycleChannels = 'token:create' | 'token:rotate' | 'token:revoke' | 'token:verify';

export function connectionFor(vault: Vault, environmentId: string, provider: ProviderId | undefined): ConnectionView {
  const [first, second] = vault
    .listConnections()
    .filter((c) => c.environmentId === environmentId && (provider === undefined || c.provider === provider));
  if (!first)
    throw new KeyturnError('NOT_FOUND', 'This environment is not connected to a provider yet; connect it first.');
  if (second)
    throw new KeyturnError('INVALID_INPUT', 'This environment is connected to several providers; choose one.');
  return first;
}

/**
 * Entries of this token finished first. One still pending at the provider, or held by a live
 * process, stops a rotation with its reason: a second rotation must not start beside it.
 */
function views(vault: Vault, settled: readonly SettledEntry[]): ReconciledView[] {
  return settled.map((entry) => reconciledView(vault, entry));
}

function assertNothingPending(settled: readonly SettledEntry[]): void {
  for (const { operation, outcome } of settled) {
    if (outcome.status === 'pending') {
      throw new KeyturnError(
        outcome.error.code,
        `An earlier ${operation} of this token could not be finished: ${outcome.error.message}`,
      );
    }
    if (outcome.status === 'busy' && operation !== 'revoke') {
      throw new KeyturnError(
        'ROTATION_IN_PROGRESS',
        `Another Keyturn process is working on this token right now (${operation}); try again when it has finished`,
      );
    }
  }
}

async function settleAll(vault: Vault, tokenId: string, deps: LifecycleDeps): Promise<SettledEntry[]> {
  const { settleToken } = await import('../lifecycle/settle');
  return settleToken(vault, tokenId, deps, 'all');
}

/** A revoke is never blocked: an open revoke entry is resumed, else a new one runs; the rest follow. */
async function revoke(vault: Vault, token: TokenView, run: LifecycleRun): Promise<LifecycleResult> {
  const deps = run.deps;
  const { parseJournal } = await import('../lifecycle/rotation-state');
  const { revokeToken, runJournal } = await import('../lifecycle/rotation');
  const open = vault
    .listJournal({ unfinishedOnly: true, tokenId: token.id })
    .map(parseJournal)
    .find((record) => record.operation === 'revoke' && !vault.isJournalClaimed(record.id));
  const live = vault.listVersions(token.id).some((version) => version.status !== 'revoked');
  if (token.revoked && open === undefined && !live) {
    const settled = views(vault, await settleAll(vault, token.id, deps));
    const base = { journalId: null, token: vault.getToken(token.id), previousRevokedAfter: null };
    return { ...base, status: 'already-revoked', message: 'This token is already revoked', settled };
  }
  const outcome = open ? await runJournal(vault, open.id, deps) : await revokeToken(vault, token.id, deps);
  // Rotations left open on the token now stop and revoke their own new keys (step-cancel.ts).
  const settled = await settleAll(vault, token.id, deps);
  return run.finish(outcome, views(vault, settled));
}

export const lifecycleHandlers: HandlerBodies<LifecycleChannels> = {
  'token:create': async ({ label, provider, expiresAt, ...ref }, context) => {
    const vault = requireVault(context);
    const { environment } = requireEnvironment(vault, ref);
    const connection = connectionFor(vault, environment.id, provider);
    const run = await lifecycleRun(context, vault);
    const deps = run.deps;
    const { settleCreates } = await import('../lifecycle/settle');
    const settled = await settleCreates(vault, environment.id, label, deps);
    if (settled.some((entry) => entry.outcome.status === 'busy'))
      throw new KeyturnError('ROTATION_IN_PROGRESS', 'Another Keyturn process is creating this token right now');
    const { createManagedToken } = await import('../lifecycle/rotation');
    const request = {
      environmentId: environment.id,
      connectionId: connection.id,
      label,
      keyExpiresAt: expiresAt ?? null,
    };
    return run.finish(await createManagedToken(vault, request, deps), views(vault, settled));
  },

  'token:rotate': async ({ token: selector, newValue }, context) => {
    const vault = requireVault(context);
    const token = selectToken(vault, selector);
    const run = await lifecycleRun(context, vault);
    const deps = run.deps;
    const settled = await settleAll(vault, token.id, deps);
    assertNothingPending(settled);
    const done = views(vault, settled);
    const manual = await manualRotation(vault, vault.getToken(token.id), newValue, deps, done);
    if (manual !== null) return manual;
    const { rotateToken } = await import('../lifecycle/rotation');
    return run.finish(await rotateToken(vault, token.id, deps), done);
  },

  'token:revoke': async ({ token: selector }, context) => {
    const vault = requireVault(context);
    const token = selectToken(vault, selector);
    return revoke(vault, token, await lifecycleRun(context, vault));
  },

  'token:verify': async ({ token: selector }, context) => {
    const vault = requireVault(context);
    const token = await settleBeforeUse(context, vault, selectToken(vault, selector));
    const { connectionOf } = await import('../lifecycle/token-connection');
    const connectionId = connectionOf(vault, token);
    if (connectionId === null)
      throw new KeyturnError('NOT_FOUND', 'This token has no provider connection to verify against');
    const client = (await providerClients(vault, context)).get(connectionId);
    context.progress?.({ kind: 'call', label: `asking ${token.provider}` });
    const result = await client.verify(vault.openSecret(token.id));
    const who = context.callerName ?? 'app';
    vault.audit('verify', token.id, result.ok ? `${who} verify: works` : `${who} verify: ${result.error.code}`);
    if (!result.ok) throw new KeyturnError(result.error.code, result.error.message);
    const { expiresAt, neverExpires, notes } = result.value;
    const expiry =
      expiresAt !== null
        ? { expiresAt, expirySource: 'provider' as const }
        : neverExpires === true
          ? { expiresAt: null, expirySource: 'provider' as const }
          : {};
    const updated = vault.updateToken(token.id, { lastVerifiedAt: context.clock.now(), ...expiry });
    return { valid: true, identity: result.value.identity, notes: notes ?? [], token: updated };
  },
};
