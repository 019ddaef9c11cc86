/** `keyturn import FILE --into TENANT/ENV`: one token per variable of a .env file. */
import { KeyturnError } from '../../shared/errors';
import { PROVIDER_IDS, type ProviderId } from '../../shared/model';
import type { Vault } from '../../main/vault/types';
import { parseCommand } from '../args';
import { readBackupPassphrase } from '../backup-passphrase';
import { withVault, type Context } from '../context';
import { parseDotenv } from '../dotenv';
import { readInputFile } from '../read-input-file';
import { recognise } from '../recognise';
import { parseEnvRef } from '../ref';
import { requireEnvironment } from '../resolve';
import { UsageError } from '../usage-error';

const OPTIONS = {
  into: { type: 'string' },
  provider: { type: 'string' },
  overwrite: { type: 'boolean' },
  backup: { type: 'string' },
} as const;

interface ImportCounts {
  added: number;
  updated: number;
  skipped: number;
}

function importOne(
  vault: Vault,
  environmentId: string,
  name: string,
  secret: string,
  provider: ProviderId | undefined,
  overwrite: boolean,
  counts: ImportCounts,
): void {
  const guess = recognise(secret);
  const existing = vault
    .listTokens()
    .find((t) => t.environmentId === environmentId && t.label.toLowerCase() === name.toLowerCase());
  if (existing && !overwrite) {
    counts.skipped += 1;
    return;
  }
  if (existing) {
    const version = vault.addVersion(existing.id, secret, { status: 'pending', expiresAt: guess.expiresAt });
    vault.promoteVersion(existing.id, version.id);
    counts.updated += 1;
    return;
  }
  const chosen = provider ?? guess.provider ?? 'manual';
  vault.addToken({
    environmentId,
    label: name,
    kind: guess.kind ?? 'manual',
    provider: chosen,
    secret,
    connectionId: vault.findConnection(environmentId, chosen)?.id ?? null,
    expiresAt: guess.expiresAt,
    expirySource: guess.expirySource,
  });
  counts.added += 1;
}

async function importBackup(ctx: Context, path: string): Promise<void> {
  const text = readInputFile(path);
  const { openBackup, restoreBackup } = await import('../backup');
  await withVault(ctx, async (vault) => {
    const payload = openBackup(text, await readBackupPassphrase(ctx, false));
    const counts = restoreBackup(vault, payload, (done) => {
      if (done % 100 === 0) ctx.out.progress(`restored ${done} tokens`);
    });
    vault.audit('import', null, `CLI restore of ${counts.tokens} tokens from a backup`);
    ctx.out.data(
      counts,
      () =>
        `Restored ${counts.tokens} tokens, ${counts.environments} environments, ${counts.tenants} tenants, ${counts.connections} connections; ${counts.skipped} tokens already present`,
    );
  });
}

export async function importCommand(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, OPTIONS, { min: 0, max: 1, names: 'FILE' });
  if (values.backup !== undefined) {
    if (positionals.length > 0 || values.into)
      throw new UsageError('--backup restores a whole vault; drop FILE and --into');
    return importBackup(ctx, values.backup);
  }
  if (positionals.length === 0) throw new UsageError('Missing argument: FILE (or --backup FILE)');
  if (!values.into) throw new UsageError('--into TENANT/ENV is required');
  const ref = parseEnvRef(values.into);
  const provider = values.provider;
  if (provider !== undefined && !(PROVIDER_IDS as readonly string[]).includes(provider))
    throw new UsageError(`--provider must be one of ${PROVIDER_IDS.join(', ')}`);
  const file = positionals[0] ?? '';
  const entries = parseDotenv(readInputFile(file)).filter(([, value]) => value !== '');
  if (entries.length === 0) throw new KeyturnError('INVALID_INPUT', `No variables with values in ${file}`);
  await withVault(ctx, (vault) => {
    const { environment } = requireEnvironment(vault, ref);
    const counts: ImportCounts = { added: 0, updated: 0, skipped: 0 };
    entries.forEach(([name, secret], i) => {
      importOne(
        vault,
        environment.id,
        name,
        secret,
        provider as ProviderId | undefined,
        values.overwrite === true,
        counts,
      );
      if ((i + 1) % 100 === 0 || i + 1 === entries.length) ctx.out.progress(`imported ${i + 1}/${entries.length}`);
    });
    vault.audit('import', environment.id, `CLI import of ${entries.length} variables`);
    ctx.out.data(
      counts,
      () =>
        `Imported into ${ref.tenant}/${ref.environment}: ${counts.added} added, ${counts.updated} updated, ${counts.skipped} skipped (exist; use --overwrite)`,
    );
  });
}
