/** `keyturn env add|ls|rm`, and `keyturn env TENANT/ENV` to print an environment's secrets. */
import { KeyturnError } from '../../shared/errors';
import { ENVIRONMENT_KINDS, type EnvironmentKind } from '../../shared/model';
import type { Vault } from '../../main/vault/types';
import { parseCommand } from '../args';
import { withVault, type Context } from '../context';
import { envNameFor, parseEnvFormat, renderEnv } from '../env-vars';
import { table } from '../output';
import { parseEnvRef, type EnvRef } from '../ref';
import { requireEnvironment, requireTenant } from '../resolve';
import { freshSecret } from '../secrets';
import { UsageError } from '../usage-error';

function parseKind(value: string | undefined, name: string): EnvironmentKind {
  if (value === undefined) {
    const guess = ENVIRONMENT_KINDS.find((k) => k === name.toLowerCase());
    return guess ?? (/^prod/i.test(name) ? 'production' : /^dev/i.test(name) ? 'development' : 'custom');
  }
  if (!(ENVIRONMENT_KINDS as readonly string[]).includes(value))
    throw new UsageError(`--kind must be one of ${ENVIRONMENT_KINDS.join(', ')}`);
  return value as EnvironmentKind;
}

/** The environment's secrets as NAME → value pairs, each reveal audited. */
export async function environmentSecrets(
  ctx: Context,
  vault: Vault,
  ref: EnvRef,
  purpose: 'env' | 'export' = 'env',
): Promise<[string, string][]> {
  const { environment } = requireEnvironment(vault, ref);
  const tokens = vault.listTokens().filter((t) => t.environmentId === environment.id && !t.revoked);
  const entries: [string, string][] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    const name = envNameFor(token.label);
    if (seen.has(name)) throw new KeyturnError('INVALID_INPUT', `Two tokens map to the variable ${name}; rename one`);
    seen.add(name);
    entries.push([name, await freshSecret(ctx, vault, token, purpose)]);
  }
  return entries;
}

async function printEnvironment(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    args,
    { format: { type: 'string' } },
    { min: 1, max: 1, names: 'TENANT/ENV' },
  );
  const format = parseEnvFormat(values.format);
  const ref = parseEnvRef(positionals[0] ?? '');
  await withVault(ctx, async (vault) => {
    const entries = await environmentSecrets(ctx, vault, ref);
    const text = renderEnv(entries, ctx.out.json ? 'json' : format);
    if (text.length > 0) ctx.io.stdout.write(`${text}\n`);
  });
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
    const kind = parseKind(values.kind, ref.environment);
    return withVault(ctx, (vault) => {
      const tenant = requireTenant(vault, ref.tenant);
      const environment = vault.addEnvironment(tenant.id, ref.environment, kind);
      ctx.out.data(environment, () => `Added environment ${ref.tenant}/${environment.name} (${environment.kind})`);
    });
  }
  if (sub === 'ls') {
    const { positionals } = parseCommand(rest, {}, { min: 0, max: 1, names: 'TENANT' });
    return withVault(ctx, (vault) => {
      const tenant = positionals[0] === undefined ? null : requireTenant(vault, positionals[0]);
      const tenants = new Map(vault.listTenants().map((t) => [t.id, t.name]));
      const rows = vault.listEnvironments(tenant?.id).map((e) => ({ ...e, tenant: tenants.get(e.tenantId) ?? '?' }));
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
    return withVault(ctx, (vault) => {
      const { environment } = requireEnvironment(vault, ref);
      vault.removeEnvironment(environment.id);
      ctx.out.data({ removed: environment.id }, () => `Removed environment ${ref.tenant}/${ref.environment}`);
    });
  }
  if (sub === undefined) throw new UsageError('Usage: keyturn env add|ls|rm … or keyturn env TENANT/ENV');
  return printEnvironment(ctx, args);
}
