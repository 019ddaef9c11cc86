/**
 * token:create, token:rotate, token:revoke (the lifecycle journal engine) and token:verify.
 * Each provider call and each committed journal step is reported (lifecycle-progress.ts).
 */
import { KeyturnError } from '../../shared/errors';
import type { LifecycleResult } from '../../shared/ipc-cli-channels';
import type { ConnectionView, ProviderId } from '../../shared/model';
import type { LifecycleDeps } from '../lifecycle/context';
import type { RunOutcome } from '../lifecycle/outcome';
import type { Vault } from '../vault/types';
import type { ProgressReporter } from './lifecycle-progress';
import { requireVault, type AppContext } from './context';
import { providerClients } from './fresh';
import type { HandlerBodies } from './handler';
import { requireEnvironment, selectToken } from './resolve';

type LifecycleChannels = 'token:create' | 'token:rotate' | 'token:revoke' | 'token:verify';

/**
 * The engine's deps with progress: provider calls before they start, steps once committed (the
 * CLI's lines, the window's lifecycle:progress events), and how the run ended.
 */
export async function lifecycleRun(context: AppContext, vault: Vault): Promise<LifecycleRun> {
  const { progressReporter } = await import('./lifecycle-progress');
  const reporter = progressReporter(context, vault);
  return {
    deps: {
      now: () => context.clock.now(),
      clients: await providerClients(vault, context),
      faultPoint: reporter.faultPoint,
      onStep: reporter.onStep,
    },
    reporter,
    finish: (outcome) => {
      reporter.outcome(outcome);
      return toResult(vault, outcome);
    },
  };
}

export interface LifecycleRun {
  readonly deps: LifecycleDeps;
  readonly reporter: ProgressReporter;
  /** Tells the outcome, then answers it: done or waiting as a result, anything else as its error. */
  readonly finish: (outcome: RunOutcome) => LifecycleResult;
}

export function toResult(vault: Vault, outcome: RunOutcome): LifecycleResult {
  switch (outcome.status) {
    case 'done':
    case 'waiting':
      return {
        status: outcome.status,
        journalId: outcome.journalId,
        token: outcome.tokenId === null ? null : vault.getToken(outcome.tokenId),
        previousRevokedAfter: outcome.status === 'waiting' ? outcome.until : null,
      };
    case 'pending':
      throw new KeyturnError(outcome.error.code, `Queued, not finished: ${outcome.error.message}`);
    case 'failed':
      throw new KeyturnError('PROVIDER_REJECTED', outcome.reason);
    case 'needs-user':
      throw new KeyturnError('ROTATION_FAILED', outcome.message);
  }
}

function connectionFor(vault: Vault, environmentId: string, provider: ProviderId | undefined): ConnectionView {
  const [first, second] = vault
    .listConnections()
    .filter((c) => c.environmentId === environmentId && (provider === undefined || c.provider === provider));
  if (!first)
    throw new KeyturnError('NOT_FOUND', 'This environment is not connected to a provider yet; connect it first.');
  if (second)
    throw new KeyturnError('INVALID_INPUT', 'This environment is connected to several providers; choose one.');
  return first;
}

export const lifecycleHandlers: HandlerBodies<LifecycleChannels> = {
  'token:create': async ({ label, provider, ...ref }, context) => {
    const vault = requireVault(context);
    const { environment } = requireEnvironment(vault, ref);
    const connection = connectionFor(vault, environment.id, provider);
    const { createManagedToken } = await import('../lifecycle/rotation');
    const request = { environmentId: environment.id, connectionId: connection.id, label };
    const run = await lifecycleRun(context, vault);
    return run.finish(await createManagedToken(vault, request, run.deps));
  },

  'token:rotate': async ({ token: selector }, context) => {
    const vault = requireVault(context);
    const token = selectToken(vault, selector);
    const { rotateToken } = await import('../lifecycle/rotation');
    const run = await lifecycleRun(context, vault);
    return run.finish(await rotateToken(vault, token.id, run.deps));
  },

  'token:revoke': async ({ token: selector }, context) => {
    const vault = requireVault(context);
    const token = selectToken(vault, selector);
    const { revokeToken } = await import('../lifecycle/rotation');
    const run = await lifecycleRun(context, vault);
    return run.finish(await revokeToken(vault, token.id, run.deps));
  },

  'token:verify': async ({ token: selector }, context) => {
    const vault = requireVault(context);
    const token = selectToken(vault, selector);
    const connectionId = token.connectionId ?? vault.findConnection(token.environmentId, token.provider)?.id ?? null;
    if (connectionId === null)
      throw new KeyturnError('NOT_FOUND', 'This token has no provider connection to verify against');
    const client = (await providerClients(vault, context)).get(connectionId);
    context.progress?.({ kind: 'call', label: `asking ${token.provider}` });
    const result = await client.verify(vault.openSecret(token.id));
    const who = context.callerName ?? 'app';
    vault.audit('verify', token.id, result.ok ? `${who} verify: works` : `${who} verify: ${result.error.code}`);
    if (!result.ok) throw new KeyturnError(result.error.code, result.error.message);
    const updated = vault.updateToken(token.id, {
      lastVerifiedAt: context.clock.now(),
      ...(result.value.expiresAt === null
        ? {}
        : { expiresAt: result.value.expiresAt, expirySource: 'provider' as const }),
    });
    return { valid: true, identity: result.value.identity, token: updated };
  },
};
