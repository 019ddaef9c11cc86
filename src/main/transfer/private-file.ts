/**
 * Writes a file only its owner can read (0600), whole or not at all: the text goes to a new
 * temporary file beside it (created 0600, so a file that existed keeps none of its old mode) and
 * is renamed over the target. A failure leaves the target as it was and no temporary file behind.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KeyturnError } from '../../shared/errors';

export function writePrivateFile(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (cause) {
    rmSync(temp, { force: true });
    const code = cause instanceof Error && 'code' in cause ? ` (${String(cause.code)})` : '';
    throw new KeyturnError('VAULT_IO', `Keyturn could not write ${path}${code}; nothing was saved there.`);
  }
}
