/** `keyturn ls`: token metadata with expiry state; never a secret. */
import { EXPIRY_STATES, type ExpiryState } from '../../shared/model';
import { DAY_MS, DEFAULT_LEAD_TIMES, MINUTE_MS } from '../../main/lifecycle/expiry';
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
    if (!ctx.out.json) for (const line of legendFor(new Set(rows.map((r) => r.expiryState)))) ctx.out.note(line);
  });
}

/** "14 days for api-key, …; 5 minutes for session": the lead times `expiring` is judged by. */
function leadTimes(): string {
  const byLead = new Map<number, string[]>();
  for (const [kind, ms] of Object.entries(DEFAULT_LEAD_TIMES)) byLead.set(ms, [...(byLead.get(ms) ?? []), kind]);
  return [...byLead]
    .sort(([a], [b]) => b - a)
    .map(
      ([ms, kinds]) => `${ms >= DAY_MS ? `${ms / DAY_MS} days` : `${ms / MINUTE_MS} minutes`} for ${kinds.join(', ')}`,
    )
    .join('; ');
}

/** What the less obvious states mean, for those the table shows (on stderr: the table stays clean). */
function legendFor(states: ReadonlySet<ExpiryState>): string[] {
  const lines: string[] = [];
  if (states.has('expiring')) lines.push(`expiring: expires within its kind's warning time (${leadTimes()})`);
  if (states.has('unknown'))
    lines.push(
      'unknown: Keyturn knows no expiry for it (none from the provider, the token itself or --expires); keyturn verify may learn it from the provider',
    );
  return lines;
}
