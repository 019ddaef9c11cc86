/** `keyturn import FILE --into TENANT/ENV`: one token per variable of a .env file. */
import { KeyturnError } from '../../shared/errors';
import { PROVIDER_IDS, type ProviderId } from '../../shared/model';
import { withApi } from '../api';
import { parseCommand } from '../args';
import { readBackupPassphrase } from '../backup-passphrase';
import type { Context } from '../context';
import { parseDotenv } from '../../main/transfer/dotenv';
import { readInputFile } from '../read-input-file';
import { parseEnvRef } from '../ref';
import { UsageError } from '../usage-error';

const OPTIONS = {
  into: { type: 'string' },
  provider: { type: 'string' },
  overwrite: { type: 'boolean' },
  backup: { type: 'string' },
} as const;

async function importBackup(ctx: Context, path: string): Promise<void> {
  const backup = readInputFile(path);
  await withApi(ctx, async (api) => {
    const passphrase = await readBackupPassphrase(ctx, false);
    const counts = await api.call('backup:restore', { backup, passphrase });
    ctx.out.data(
      counts,
      () =>
        `Restored ${counts.tokens} tokens, ${counts.environments} environments, ${counts.tenants} tenants, ${counts.connections} connections; ${counts.skipped} tokens already present`,
    );
  });
}

/** The limits of a token's label and value, said with the variable's name before the vault opens. */
const MAX_LABEL = 500;
const MAX_VALUE = 65_536;

function assertStorable(entries: readonly (readonly [string, string])[], file: string): void {
  for (const [name, value] of entries) {
    if (name.length > MAX_LABEL)
      throw new KeyturnError(
        'INVALID_INPUT',
        `A variable name in ${file} is too long: at most ${MAX_LABEL} characters`,
      );
    if (value.length > MAX_VALUE)
      throw new KeyturnError(
        'INVALID_INPUT',
        `The value of ${name} in ${file} is too long: at most ${MAX_VALUE} characters`,
      );
  }
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
  assertStorable(entries, file);
  await withApi(ctx, async (api) => {
    const counts = await api.call('import:dotenv', {
      tenant: ref.tenant,
      environment: ref.environment,
      entries,
      ...(provider === undefined ? {} : { provider: provider as ProviderId }),
      overwrite: values.overwrite === true,
    });
    ctx.out.data(
      counts,
      () =>
        `Imported into ${ref.tenant}/${ref.environment}: ${counts.added} added, ${counts.updated} updated, ${counts.skipped} skipped (exist; use --overwrite)`,
    );
  });
}
