/**
 * `keyturn create|rotate|revoke|verify REF`: provider operations through the api's lifecycle
 * handlers; their progress port prints each call and committed step on a terminal.
 */
import { PROVIDER_IDS, type ProviderId } from '../../shared/model';
import type { LifecycleResult } from '../../shared/ipc-cli-channels';
import { withApi, type CliApi } from '../api';
import { parseCommand } from '../args';
import type { Context } from '../context';
import { parseExpiry } from '../expiry';
import { parseTokenRef, type TokenRef } from '../ref';
import { UsageError } from '../usage-error';

function report(ctx: Context, ref: TokenRef, verb: string, result: LifecycleResult): void {
  const until = result.previousRevokedAfter;
  ctx.out.data(result, () =>
    until === null
      ? `${verb} ${ref.tenant}/${ref.environment}/${ref.label}`
      : `${verb}; the previous key stays live until ${new Date(until).toISOString()}`,
  );
}

export async function createCommand(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    args,
    { provider: { type: 'string' }, expires: { type: 'string' } },
    { min: 1, max: 1, names: 'REF' },
  );
  const ref = parseTokenRef(positionals[0] ?? '');
  const provider = values.provider;
  if (provider !== undefined && !(PROVIDER_IDS as readonly string[]).includes(provider))
    throw new UsageError(`--provider must be one of ${PROVIDER_IDS.join(', ')}`);
  const expires = values.expires === undefined ? undefined : parseExpiry(values.expires, Date.now());
  if (expires === null) throw new UsageError('--expires must be an ISO date or like 30d, 12h, 45m');
  await withApi(ctx, async (api) => {
    const result = await api.call('token:create', {
      tenant: ref.tenant,
      environment: ref.environment,
      label: ref.label,
      ...(provider === undefined ? {} : { provider: provider as ProviderId }),
      ...(expires === undefined ? {} : { expiresAt: expires }),
    });
    report(ctx, ref, 'Created', result);
  });
}

async function onToken(
  ctx: Context,
  args: string[],
  work: (api: CliApi, ref: TokenRef) => Promise<void>,
): Promise<void> {
  const { positionals } = parseCommand(args, {}, { min: 1, max: 1, names: 'REF' });
  const ref = parseTokenRef(positionals[0] ?? '');
  await withApi(ctx, (api) => work(api, ref));
}

export async function rotateCommand(ctx: Context, args: string[]): Promise<void> {
  await onToken(ctx, args, async (api, ref) =>
    report(ctx, ref, 'Rotated', await api.call('token:rotate', { token: { ref } })),
  );
}

export async function revokeCommand(ctx: Context, args: string[]): Promise<void> {
  await onToken(ctx, args, async (api, ref) =>
    report(ctx, ref, 'Revoked', await api.call('token:revoke', { token: { ref } })),
  );
}

export async function verifyCommand(ctx: Context, args: string[]): Promise<void> {
  await onToken(ctx, args, async (api, ref) => {
    const verdict = await api.call('token:verify', { token: { ref } });
    for (const note of verdict.notes) ctx.out.note(`warning: ${note}`);
    ctx.out.data(
      verdict,
      () => `${ref.tenant}/${ref.environment}/${ref.label} works${verdict.identity ? ` (${verdict.identity})` : ''}`,
    );
  });
}
