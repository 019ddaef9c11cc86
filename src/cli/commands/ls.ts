/** `keyturn ls`: token metadata with expiry state; never a secret. */
import { EXPIRY_STATES, type ExpiryState } from '../../shared/model';
import { withApi } from '../api';
import { parseCommand, parseCount } from '../args';
import type { Context } from '../context';
import { formatTime, table } from '../output';
import { UsageError } from '../usage-error';

const OPTIONS = { expiring: { type: 'string' }, status: { type: 'string' } } as const;

export async function lsCommand(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, OPTIONS, { min: 0, max: 1, names: 'TENANT[/ENV]' });
  const days = values.expiring === undefined ? undefined : parseCount(values.expiring, '--expiring');
  const status = values.status;
  if (status !== undefined && !(EXPIRY_STATES as readonly string[]).includes(status)) {
    throw new UsageError(`--status must be one of ${EXPIRY_STATES.join(', ')}`);
  }
  const scope = positionals[0]?.split('/') ?? [];
  if (scope.length > 2 || scope.some((s) => s === '')) throw new UsageError('Scope must be TENANT or TENANT/ENV');
  const [tenant, environment] = scope;
  await withApi(ctx, async (api) => {
    const rows = await api.call('tokens:query', {
      ...(tenant === undefined ? {} : { tenant }),
      ...(environment === undefined ? {} : { environment }),
      ...(status === undefined ? {} : { status: status as ExpiryState }),
      ...(days === undefined ? {} : { expiringWithinDays: days }),
    });
    ctx.out.data(rows, () =>
      table(
        ['REF', 'PROVIDER', 'KIND', 'EXPIRES', 'STATE'],
        rows.map((r) => [r.ref, r.provider, r.kind, formatTime(r.expiresAt), r.expiryState]),
      ),
    );
  });
}
