/**
 * The vault file is its owner's alone: anyone who can copy it can attack the password offline.
 * A new vault's folder is made 0700 and the file 0600 before SQLite opens it (SQLite gives its
 * -wal and -shm the database's mode); an existing vault that others can read is tightened when
 * it is opened. POSIX modes only: on Windows the folder's ACL decides, and nothing is changed.
 */
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { KeyturnError } from '../../shared/errors';

const OWNER_ONLY_FILE = 0o600;
const OWNER_ONLY_FOLDER = 0o700;
const VAULT_FILES = ['', '-wal', '-shm'] as const;

const hasPosixModes = (): boolean => process.platform !== 'win32';

function errnoOf(cause: unknown): string {
  return cause instanceof Error && 'code' in cause ? String(cause.code) : '';
}

/**
 * Creates the (empty) vault file readable by its owner only, and its missing folders 0700.
 * An existing file is VAULT_EXISTS: the check and the creation are one step (O_EXCL).
 */
export function createOwnerOnlyFile(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: OWNER_ONLY_FOLDER });
    closeSync(openSync(path, 'wx', OWNER_ONLY_FILE));
  } catch (cause) {
    const code = errnoOf(cause);
    if (code === 'EEXIST') throw new KeyturnError('VAULT_EXISTS', 'A file already exists at the given path');
    throw new KeyturnError('VAULT_IO', `The vault file could not be created${code ? ` (${code})` : ''}`);
  }
}

/**
 * Takes group and other access away from the vault file and its -wal and -shm. Returns a
 * sentence for the user when something was tightened, else null (so it is said only once).
 */
export function tightenVaultFiles(path: string): string | null {
  if (!hasPosixModes()) return null;
  const tightened: { name: string; mode: number }[] = [];
  for (const suffix of VAULT_FILES) {
    const file = path + suffix;
    // -wal and -shm exist only while SQLite uses them; no exception for a missing one (`get` opens the file).
    const stats = statSync(file, { throwIfNoEntry: false });
    if (stats === undefined) continue;
    const mode = stats.mode & 0o777;
    if ((mode & 0o077) === 0) continue;
    try {
      chmodSync(file, mode & 0o700);
    } catch {
      continue; // not ours to change (another owner): opening goes on, as before
    }
    tightened.push({ name: basename(file), mode });
  }
  const [first] = tightened;
  if (first === undefined) return null;
  const names = tightened.map((t) => t.name).join(', ');
  return `Made ${names} in ${dirname(path)} readable by you only: other users of this computer could read it (mode ${first.mode.toString(8).padStart(4, '0')})`;
}
