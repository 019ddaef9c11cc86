/**
 * `keyturn create|rotate|revoke|verify|confirm REF`: provider operations through the api's
 * lifecycle handlers; their progress port prints each call and committed step on a terminal.
 * Each first finishes what an earlier run left open on the token, and says so on stderr.
 */
import { PROVIDER_IDS, type ProviderId } from '../../shared/model';
import type { LifecycleResult } from '../../shared/ipc-cli-channels';
import { withApi, type CliApi } from '../api';
import { parseCommand } from '../args';
import { readSecret, type Context } from '../context';
import { parseExpiry } from '../expiry';
import { parseTokenRef, type TokenRef } from '../ref';
import { UsageError } from '../usage-error';
import { describeSettled } from './journal-lines';

const refText = (ref: TokenRef): string => `${ref.tenant}/${ref.environment}/${ref.label}`;

function report(ctx: Context, ref: TokenRef, verb: string, result: LifecycleResult): void {
  if (!ctx.out.json) for (const entry of result.settled) ctx.out.note(describeSettled(entry));
  ctx.out.data(result, () => {
    switch (result.status) {
      case 'done':
      case 'needs-value':
        return `${verb} ${refText(ref)}`;
      case 'waiting': {
        const until = new Date(result.previousRevokedAfter ?? 0).toISOString();
        return `${verb} ${refText(ref)}; the previous key stays live until ${until}`;
      }
      case 'awaiting-confirmation':
        return `${verb} ${refText(ref)}: the new value is current. ${result.message ?? ''} (keyturn confirm ${refText(ref)})`;
      case 'already-revoked':
        return `${refText(ref)} is already revoked`;
    }
  });
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

/**
 * A provider with a token API rotates by itself. Otherwise the handler answers `needs-value` and
 * says what to do; the new value is read (hidden prompt, or the next stdin line) and sent back.
 */
export async function rotateCommand(ctx: Context, args: string[]): Promise<void> {
  await onToken(ctx, args, async (api, ref) => {
    const asked = await api.call('token:rotate', { token: { ref } });
    if (asked.status !== 'needs-value') return report(ctx, ref, 'Rotated', asked);
    if (!ctx.out.json) for (const entry of asked.settled) ctx.out.note(describeSettled(entry));
    if (asked.message !== null) ctx.out.note(asked.message);
    const newValue = await readSecret(ctx, `New value for ${refText(ref)}: `);
    report(ctx, ref, 'Rotated', await api.call('token:rotate', { token: { ref }, newValue }));
  });
}

export async function revokeCommand(ctx: Context, args: string[]): Promise<void> {
  await onToken(ctx, args, async (api, ref) =>
    report(ctx, ref, 'Revoked', await api.call('token:revoke', { token: { ref } })),
  );
}

export async function confirmCommand(ctx: Context, args: string[]): Promise<void> {
  await onToken(ctx, args, async (api, ref) =>
    report(
      ctx,
      ref,
      'Confirmed the old key revoked; rotation done for',
      await api.call('token:confirm', { token: { ref } }),
    ),
  );
}

export async function verifyCommand(ctx: Context, args: string[]): Promise<void> {
  await onToken(ctx, args, async (api, ref) => {
    const verdict = await api.call('token:verify', { token: { ref } });
    for (const note of verdict.notes) ctx.out.note(`warning: ${note}`);
    ctx.out.data(verdict, () => `${refText(ref)} works${verdict.identity ? ` (${verdict.identity})` : ''}`);
  });
}
