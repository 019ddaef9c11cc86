/**
 * `keyturn export TENANT/ENV`: an environment as .env / shell / JSON, secrets in clear, with a
 * warning. `keyturn export --backup FILE`: the whole vault, encrypted under a backup passphrase.
 */
import { closeSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { KeyturnError } from '../../shared/errors';
import { parseCommand } from '../args';
import { readBackupPassphrase } from '../backup-passphrase';
import { withApi } from '../api';
import type { Context } from '../context';
import { parseEnvFormat, renderEnv } from '../env-vars';
import { parseEnvRef } from '../ref';
import { UsageError } from '../usage-error';
import { environmentSecrets } from './env';

const OPTIONS = { format: { type: 'string' }, out: { type: 'string' }, backup: { type: 'string' } } as const;

function ioError(path: string, cause: unknown): KeyturnError {
  const code = cause instanceof Error && 'code' in cause ? String(cause.code) : '';
  return new KeyturnError(
    'VAULT_IO',
    code === 'EEXIST' ? `${path} exists; not overwriting it` : `Cannot write ${path}`,
  );
}

function writeNew(path: string, text: string): void {
  try {
    writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  } catch (cause) {
    throw ioError(path, cause);
  }
}

/**
 * The `--out` file, created (owner-only, never over an existing file) before the vault is
 * unlocked: a refusal then reveals, audits and warns about nothing. Removed again if nothing
 * gets written to it.
 */
class NewOutputFile {
  private readonly fd: number;
  private written = false;

  constructor(private readonly path: string) {
    try {
      this.fd = openSync(path, 'wx', 0o600);
    } catch (cause) {
      throw ioError(path, cause);
    }
  }

  write(text: string): void {
    try {
      writeFileSync(this.fd, text);
      this.written = true;
    } catch (cause) {
      throw ioError(this.path, cause);
    }
  }

  close(): void {
    closeSync(this.fd);
    if (!this.written) rmSync(this.path, { force: true });
  }
}

async function exportBackup(ctx: Context, path: string): Promise<void> {
  await withApi(ctx, async (api) => {
    const passphrase = await readBackupPassphrase(ctx, true);
    const sealed = await api.call('backup:export', { passphrase });
    writeNew(path, sealed.backup);
    ctx.out.data(
      { path, tenants: sealed.tenants, tokens: sealed.tokens },
      () => `Wrote an encrypted backup of ${sealed.tokens} tokens to ${path}`,
    );
  });
}

export async function exportCommand(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, OPTIONS, { min: 0, max: 1, names: 'TENANT/ENV' });
  if (values.backup !== undefined) {
    if (positionals.length > 0) throw new UsageError('--backup exports the whole vault; drop TENANT/ENV');
    return exportBackup(ctx, values.backup);
  }
  if (positionals.length === 0) throw new UsageError('Missing argument: TENANT/ENV (or --backup FILE)');
  const format = parseEnvFormat(values.format);
  const ref = parseEnvRef(positionals[0] ?? '');
  const out = values.out === undefined ? null : new NewOutputFile(values.out);
  try {
    await withApi(ctx, async (api) => {
      const entries = await environmentSecrets(ctx, api, ref, 'export');
      const text = `${renderEnv(entries, ctx.out.json ? 'json' : format)}\n`;
      if (out) out.write(text);
      else ctx.io.stdout.write(text);
      ctx.out.note(
        `Warning: ${entries.length} secrets exported in clear text. Keep them out of version control and delete the file when done.`,
      );
    });
  } finally {
    out?.close();
  }
}
