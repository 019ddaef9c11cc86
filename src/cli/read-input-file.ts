/** Reading a user-named file before the vault is touched, with a clear error that names only the path. */
import { readFileSync } from 'node:fs';
import { KeyturnError } from '../shared/errors';

export function readInputFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    const code = cause instanceof Error && 'code' in cause ? String(cause.code) : '';
    if (code === 'ENOENT') throw new KeyturnError('NOT_FOUND', `No such file: ${path}`);
    throw new KeyturnError('VAULT_IO', `Cannot read ${path}${code ? ` (${code})` : ''}`);
  }
}
