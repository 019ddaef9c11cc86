/**
 * Secrets as environment-variable text: a .env file, shell `export` lines or JSON. The CLI's `env`
 * and `export` and the window's export write the same text.
 */
import { KeyturnError } from '../../shared/errors';
import type { EnvFormat } from '../../shared/env-format';

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
    'A value holds every kind of quote and cannot be written as .env; use the shell or JSON format instead (--format shell or json)',
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
