/** The --format option of `env` and `export`; the text itself is main/transfer/env-text.ts. */
import { ENV_FORMATS, type EnvFormat } from '../shared/env-format';
import { UsageError } from './usage-error';

export { ENV_FORMATS, type EnvFormat } from '../shared/env-format';
export { renderEnv } from '../main/transfer/env-text';

export function parseEnvFormat(value: string | undefined): EnvFormat {
  const format = value ?? 'dotenv';
  if (!(ENV_FORMATS as readonly string[]).includes(format))
    throw new UsageError('--format must be dotenv, shell or json');
  return format as EnvFormat;
}
