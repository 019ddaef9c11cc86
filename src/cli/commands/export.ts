/** `keyturn export TENANT/ENV`: an environment as .env / shell / JSON, secrets in clear, with a warning. */
import { writeFileSync } from 'node:fs';
import { parseCommand } from '../args';
import { withVault, type Context } from '../context';
import { parseEnvFormat, renderEnv } from '../env-vars';
import { parseEnvRef } from '../ref';
import { environmentSecrets } from './env';

export async function exportCommand(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, { format: { type: 'string' }, out: { type: 'string' } }, { min: 1, max: 1, names: 'TENANT/ENV' });
  const format = parseEnvFormat(values.format);
  const ref = parseEnvRef(positionals[0] ?? '');
  await withVault(ctx, async (vault) => {
    const entries = await environmentSecrets(ctx, vault, ref, 'export');
    const text = `${renderEnv(entries, ctx.out.json ? 'json' : format)}\n`;
    ctx.out.note(`Warning: ${entries.length} secrets exported in clear text. Keep the output out of version control and delete it when done.`);
    if (values.out) writeFileSync(values.out, text, { mode: 0o600, flag: 'wx' });
    else ctx.io.stdout.write(text);
  });
}
