/** `keyturn ls`: token metadata with expiry state; never a secret. */
import { EXPIRY_STATES } from '../../shared/model';
import { parseCommand, parseCount } from '../args';
import { withVault, type Context } from '../context';
import { DAY_MS, expiryState } from '../expiry';
import { table } from '../output';
import { nameIndex, refOf, requireEnvironment, requireTenant } from '../resolve';
import { UsageError } from '../usage-error';

const OPTIONS = { expiring: { type: 'string' }, status: { type: 'string' } } as const;

function when(at: number | null): string {
  return at === null ? '-' : new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function lsCommand(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, OPTIONS, { min: 0, max: 1, names: 'TENANT[/ENV]' });
  const days = values.expiring === undefined ? undefined : parseCount(values.expiring, '--expiring');
  const status = values.status;
  if (status !== undefined && !(EXPIRY_STATES as readonly string[]).includes(status)) {
    throw new UsageError(`--status must be one of ${EXPIRY_STATES.join(', ')}`);
  }
  const scope = positionals[0]?.split('/') ?? [];
  if (scope.length > 2 || scope.some((s) => s === '')) throw new UsageError('Scope must be TENANT or TENANT/ENV');
  await withVault(ctx, (vault) => {
    const now = Date.now();
    const [tenantName, envName] = scope;
    const tenant = tenantName === undefined ? null : requireTenant(vault, tenantName);
    const environment =
      envName === undefined || tenantName === undefined
        ? null
        : requireEnvironment(vault, { tenant: tenantName, environment: envName }).environment;
    const index = nameIndex(vault);
    const rows = vault
      .listTokens()
      .filter(
        (t) => (tenant ? t.tenantId === tenant.id : true) && (environment ? t.environmentId === environment.id : true),
      )
      .map((t) => ({ ...t, ref: refOf(index, t), expiryState: expiryState(t, now) }))
      .filter((t) => (status ? t.expiryState === status : true))
      .filter((t) =>
        days === undefined ? true : !t.revoked && t.expiresAt !== null && t.expiresAt <= now + days * DAY_MS,
      )
      .sort((a, b) => a.ref.localeCompare(b.ref));
    ctx.out.data(rows, () =>
      table(
        ['REF', 'PROVIDER', 'KIND', 'EXPIRES', 'STATE'],
        rows.map((r) => [r.ref, r.provider, r.kind, when(r.expiresAt), r.expiryState]),
      ),
    );
  });
}
