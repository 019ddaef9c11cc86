/** `keyturn env add|ls|rm`, and `keyturn env TENANT/ENV` to print an environment's secrets. */
import { ENVIRONMENT_KINDS, type EnvironmentKind } from '../../shared/model';
import { withApi, type CliApi } from '../api';
import { parseCommand } from '../args';
import type { Context } from '../context';
import { parseEnvFormat, renderEnv } from '../env-vars';
import { table } from '../output';
import { parseEnvRef, type EnvRef } from '../ref';
import { UsageError } from '../usage-error';

function parseKind(value: string | undefined): EnvironmentKind | undefined {
  if (value === undefined) return undefined;
  if (!(ENVIRONMENT_KINDS as readonly string[]).includes(value))
    throw new UsageError(`--kind must be one of ${ENVIRONMENT_KINDS.join(', ')}`);
  return value as EnvironmentKind;
}

/**
 * The environment's secrets as NAME → value pairs; the handler audits each reveal. Expired tokens
 * are left out with a warning on stderr, so the rest still reach the caller.
 */
export async function environmentSecrets(
  ctx: Context,
  api: CliApi,
  ref: EnvRef,
  purpose: 'env' | 'export' = 'env',
): Promise<[string, string][]> {
  const input = { tenant: ref.tenant, environment: ref.environment, purpose };
  const { entries, skipped } = await api.call('environment:secrets', input);
  for (const left of skipped) {
    ctx.out.note(`Warning: ${ref.tenant}/${ref.environment}/${left.label} left out: ${left.reason}`);
  }
  return entries.map((entry) => [entry.name, entry.secret]);
}

async function printEnvironment(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    args,
    { format: { type: 'string' } },
    { min: 1, max: 1, names: 'TENANT/ENV' },
  );
  const format = parseEnvFormat(values.format);
  const ref = parseEnvRef(positionals[0] ?? '');
  await withApi(
    ctx,
    async (api) => {
      const text = renderEnv(await environmentSecrets(ctx, api, ref), ctx.out.json ? 'json' : format);
      if (text.length > 0) ctx.io.stdout.write(`${text}\n`);
    },
    { viaApp: 'env' },
  );
}

export async function envCommand(ctx: Context, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'add') {
    const { values, positionals } = parseCommand(
      rest,
      { kind: { type: 'string' } },
      { min: 1, max: 1, names: 'TENANT/ENV' },
    );
    const ref = parseEnvRef(positionals[0] ?? '');
    const kind = parseKind(values.kind);
    return withApi(ctx, async (api) => {
      const input = { tenant: ref.tenant, name: ref.environment, ...(kind === undefined ? {} : { kind }) };
      const environment = await api.call('environment:add', input);
      ctx.out.data(environment, () => `Added environment ${ref.tenant}/${environment.name} (${environment.kind})`);
    });
  }
  if (sub === 'ls') {
    const { positionals } = parseCommand(rest, {}, { min: 0, max: 1, names: 'TENANT' });
    return withApi(ctx, async (api) => {
      const tenant = positionals[0];
      const listed = await api.call('environments:list', tenant === undefined ? {} : { tenant });
      const rows = listed.map(({ tenantName, ...environment }) => ({ ...environment, tenant: tenantName }));
      ctx.out.data(rows, () =>
        table(
          ['TENANT', 'ENVIRONMENT', 'KIND'],
          rows.map((r) => [r.tenant, r.name, r.kind]),
        ),
      );
    });
  }
  if (sub === 'rm') {
    const { positionals } = parseCommand(rest, {}, { min: 1, max: 1, names: 'TENANT/ENV' });
    const ref = parseEnvRef(positionals[0] ?? '');
    return withApi(ctx, async (api) => {
      const removed = await api.call('environment:remove', ref);
      ctx.out.data(removed, () => `Removed environment ${ref.tenant}/${ref.environment}`);
    });
  }
  if (sub === undefined) throw new UsageError('Usage: keyturn env add|ls|rm … or keyturn env TENANT/ENV');
  return printEnvironment(ctx, args);
}
