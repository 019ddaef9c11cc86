/** `keyturn create|rotate|revoke|verify REF`: provider operations through the lifecycle engine. */
import { KeyturnError } from '../../shared/errors';
import type { ConnectionView, TokenView } from '../../shared/model';
import type { LifecycleDeps } from '../../main/lifecycle/context';
import type { RunOutcome } from '../../main/lifecycle/outcome';
import type { Vault } from '../../main/vault/types';
import { parseCommand } from '../args';
import { withVault, type Context } from '../context';
import { parseTokenRef, type TokenRef } from '../ref';
import { requireEnvironment, requireToken } from '../resolve';
import { providerClients } from '../secrets';
import { UsageError } from '../usage-error';

/** Step-by-step progress on a TTY, from the engine's commit points. */
async function lifecycleDeps(ctx: Context, vault: Vault): Promise<LifecycleDeps> {
  return {
    now: () => Date.now(),
    clients: await providerClients(vault),
    faultPoint: (label) => {
      if (label.startsWith('before ') && !label.startsWith('before commit')) ctx.out.progress(`${label.slice(7)}…`);
      const journal = /^after commit journal (.+)$/.exec(label);
      if (journal) ctx.out.progress(`step: ${journal[1] ?? ''}`);
    },
  };
}

function report(ctx: Context, vault: Vault, ref: TokenRef, verb: string, outcome: RunOutcome): void {
  switch (outcome.status) {
    case 'done':
    case 'waiting': {
      const token = outcome.tokenId === null ? null : vault.getToken(outcome.tokenId);
      const until = outcome.status === 'waiting' ? outcome.until : null;
      ctx.out.data({ status: outcome.status, journalId: outcome.journalId, token, previousRevokedAfter: until }, () =>
        until === null
          ? `${verb} ${ref.tenant}/${ref.environment}/${ref.label}`
          : `${verb}; the previous key stays live until ${new Date(until).toISOString()}`,
      );
      return;
    }
    case 'pending':
      throw new KeyturnError(outcome.error.code, `Queued, not finished: ${outcome.error.message}`);
    case 'failed':
      throw new KeyturnError('PROVIDER_REJECTED', outcome.reason);
    case 'needs-user':
      throw new KeyturnError('ROTATION_FAILED', outcome.message);
  }
}

function connectionFor(vault: Vault, environmentId: string, provider: string | undefined): ConnectionView {
  const connections = vault
    .listConnections()
    .filter((c) => c.environmentId === environmentId && (provider === undefined || c.provider === provider));
  const [first, second] = connections;
  if (!first)
    throw new KeyturnError('NOT_FOUND', 'This environment is not connected to a provider (see keyturn connect)');
  if (second) throw new UsageError('This environment has several connections: pick one with --provider');
  return first;
}

export async function createCommand(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    args,
    { provider: { type: 'string' } },
    { min: 1, max: 1, names: 'REF' },
  );
  const ref = parseTokenRef(positionals[0] ?? '');
  await withVault(ctx, async (vault) => {
    const { environment } = requireEnvironment(vault, ref);
    const connection = connectionFor(vault, environment.id, values.provider);
    const { createManagedToken } = await import('../../main/lifecycle/rotation');
    const outcome = await createManagedToken(
      vault,
      { environmentId: environment.id, connectionId: connection.id, label: ref.label },
      await lifecycleDeps(ctx, vault),
    );
    report(ctx, vault, ref, 'Created', outcome);
  });
}

async function onToken(
  ctx: Context,
  args: string[],
  work: (vault: Vault, token: TokenView, ref: TokenRef) => Promise<void>,
): Promise<void> {
  const { positionals } = parseCommand(args, {}, { min: 1, max: 1, names: 'REF' });
  const ref = parseTokenRef(positionals[0] ?? '');
  await withVault(ctx, (vault) => work(vault, requireToken(vault, ref), ref));
}

export async function rotateCommand(ctx: Context, args: string[]): Promise<void> {
  await onToken(ctx, args, async (vault, token, ref) => {
    const { rotateToken } = await import('../../main/lifecycle/rotation');
    report(ctx, vault, ref, 'Rotated', await rotateToken(vault, token.id, await lifecycleDeps(ctx, vault)));
  });
}

export async function revokeCommand(ctx: Context, args: string[]): Promise<void> {
  await onToken(ctx, args, async (vault, token, ref) => {
    const { revokeToken } = await import('../../main/lifecycle/rotation');
    report(ctx, vault, ref, 'Revoked', await revokeToken(vault, token.id, await lifecycleDeps(ctx, vault)));
  });
}

export async function verifyCommand(ctx: Context, args: string[]): Promise<void> {
  await onToken(ctx, args, async (vault, token, ref) => {
    const connectionId = token.connectionId ?? vault.findConnection(token.environmentId, token.provider)?.id ?? null;
    if (connectionId === null)
      throw new KeyturnError('NOT_FOUND', 'This token has no provider connection to verify against');
    const client = (await providerClients(vault)).get(connectionId);
    ctx.out.progress(`asking ${token.provider}`);
    const result = await client.verify(vault.openSecret(token.id));
    vault.audit('verify', token.id, result.ok ? 'CLI verify: works' : `CLI verify: ${result.error.code}`);
    if (!result.ok) throw new KeyturnError(result.error.code, result.error.message);
    const updated = vault.updateToken(token.id, {
      lastVerifiedAt: Date.now(),
      ...(result.value.expiresAt === null
        ? {}
        : { expiresAt: result.value.expiresAt, expirySource: 'provider' as const }),
    });
    ctx.out.data(
      { valid: true, identity: result.value.identity, token: updated },
      () =>
        `${ref.tenant}/${ref.environment}/${ref.label} works${result.value.identity ? ` (${result.value.identity})` : ''}`,
    );
  });
}
