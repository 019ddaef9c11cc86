/** Rendering secrets as environment variables: names from labels, dotenv / shell / JSON text. */
import { KeyturnError } from '../shared/errors';
import { UsageError } from './usage-error';

export const ENV_FORMATS = ['dotenv', 'shell', 'json'] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];

export function parseEnvFormat(value: string | undefined): EnvFormat {
  const format = value ?? 'dotenv';
  if (!(ENV_FORMATS as readonly string[]).includes(format))
    throw new UsageError('--format must be dotenv, shell or json');
  return format as EnvFormat;
}

/**
 * Quotes so that dotenv (and our reader) read back exactly this value: dotenv unescapes only
 * `\\n`/`\\r` inside double quotes, so pick the first quote the value does not contain.
 */
function dotenvValue(value: string): string {
  if (/^[A-Za-z0-9_.\-/+=:@,]*$/.test(value)) return value;
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('`')) return `\`${value}\``;
  if (!value.includes('"') && !/\\[nr]/.test(value)) return `"${value.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
  throw new KeyturnError(
    'INVALID_INPUT',
    'A value holds every kind of quote and cannot be written as .env; use --format shell or json',
  );
}

function shellValue(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function renderEnv(entries: readonly (readonly [string, string])[], format: EnvFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(Object.fromEntries(entries));
    case 'shell':
      return entries.map(([k, v]) => `export ${k}=${shellValue(v)}`).join('\n');
    case 'dotenv':
      return entries.map(([k, v]) => `${k}=${dotenvValue(v)}`).join('\n');
  }
}
