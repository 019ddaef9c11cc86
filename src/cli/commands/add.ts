/** `keyturn add REF`: store a token read from a prompt or stdin; the handler recognises it. */
import { PROVIDER_IDS, TOKEN_KINDS, type ProviderId, type TokenKind } from '../../shared/model';
import { withApi } from '../api';
import { parseCommand } from '../args';
import { readSecret, type Context } from '../context';
import { parseExpiry } from '../expiry';
import { parseTokenRef } from '../ref';
import { UsageError } from '../usage-error';

const OPTIONS = {
  provider: { type: 'string' },
  kind: { type: 'string' },
  expires: { type: 'string' },
  tag: { type: 'string', multiple: true },
  notes: { type: 'string' },
} as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export async function addCommand(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, OPTIONS, { min: 1, max: 1, names: 'REF' });
  const ref = parseTokenRef(positionals[0] ?? '');
  const provider = oneOf<ProviderId>(values.provider, PROVIDER_IDS, '--provider');
  const kind = oneOf<TokenKind>(values.kind, TOKEN_KINDS, '--kind');
  const expires = values.expires === undefined ? undefined : parseExpiry(values.expires, Date.now());
  await withApi(ctx, async (api) => {
    const secret = await readSecret(ctx, 'Token: ');
    const token = await api.call('token:add', {
      tenant: ref.tenant,
      environment: ref.environment,
      label: ref.label,
      secret,
      ...(provider === undefined ? {} : { provider }),
      ...(kind === undefined ? {} : { kind }),
      ...(expires === undefined ? {} : { expiresAt: expires }),
      tags: values.tag ?? [],
      notes: values.notes ?? '',
    });
    ctx.out.data(
      token,
      () => `Added ${ref.tenant}/${ref.environment}/${token.label} (${token.provider}, ${token.kind})`,
    );
  });
}
