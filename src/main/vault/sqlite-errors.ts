/**
 * The one mapping from SQLite's failures to Keyturn's errors. Every SQLite call of the vault goes
 * through it (session.ts read/write, database.ts open and pragmas, the header and the locked
 * summary), so a full disk, a read-only file or a damaged page each get their own code and a
 * sentence naming the file, and `INTERNAL` stays for Keyturn's own bugs. SQLite's own message is
 * never passed on: it can quote SQL, never a secret, but it says nothing a user can act on.
 */
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyturnError } from '../../shared/errors';

/** better-sqlite3's SqliteError: an Error whose `code` is SQLite's extended code name. */
export function sqliteCode(cause: unknown): string | null {
  if (!(cause instanceof Error) || !('code' in cause)) return null;
  const code = String(cause.code);
  return code.startsWith('SQLITE_') ? code : null;
}

export function isBusy(cause: unknown): boolean {
  const code = sqliteCode(cause);
  return code !== null && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * The KeyturnError for a SQLite failure on the vault file at `path`; anything that is not a
 * SQLite error (a KeyturnError, or a bug) is returned as it is.
 */
export function vaultFailure(cause: unknown, path: string): unknown {
  const code = sqliteCode(cause);
  if (code === null) return cause;
  const primary = code.replace(/^(SQLITE_[A-Z]+).*$/, '$1');
  switch (primary) {
    case 'SQLITE_FULL':
      return diskFull(path);
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
      return readOnly(path, code === 'SQLITE_READONLY_DIRECTORY');
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new KeyturnError('VAULT_BUSY', `The vault is busy in another process; try again (${path})`);
    case 'SQLITE_CORRUPT':
      return damaged(path);
    case 'SQLITE_NOTADB':
      return new KeyturnError('VAULT_HEADER_INVALID', `The file is not a Keyturn vault (${path})`);
    case 'SQLITE_CONSTRAINT':
      return new KeyturnError('INVALID_INPUT', 'The change conflicts with existing vault records');
    case 'SQLITE_ERROR':
    case 'SQLITE_SCHEMA':
    case 'SQLITE_MISMATCH':
    case 'SQLITE_RANGE':
    case 'SQLITE_FORMAT':
      // Keyturn's SQL runs against its own schema: a missing table or column means the file was changed.
      return damaged(path);
    case 'SQLITE_IOERR':
      // A file shorter than its own header says it is was cut off: damaged, not a failing disk.
      if (code === 'SQLITE_IOERR_SHORT_READ') return damaged(path);
      // SQLite reports some writes that ENOSPC stopped as I/O errors (growing the -shm file, say).
      return isDiskNearlyFull(path) ? diskFull(path) : ioError(path, code);
    default:
      return ioError(path, code);
  }
}

/** Less free space than this beside the file turns an I/O error into "the disk is full". */
const NEARLY_FULL_BYTES = 1024 * 1024;

function isDiskNearlyFull(path: string): boolean {
  try {
    const fs = statfsSync(dirname(path));
    return fs.bavail * fs.bsize < NEARLY_FULL_BYTES;
  } catch {
    return false;
  }
}

function diskFull(path: string): KeyturnError {
  return new KeyturnError('VAULT_DISK_FULL', `The disk is full: free some space; nothing was changed (${path})`);
}

function ioError(path: string, code: string): KeyturnError {
  return new KeyturnError(
    'VAULT_IO',
    `The vault file could not be read or written (${code}); nothing was changed. Check the disk and try again (${path})`,
  );
}

/** The file (or, `folder`, the folder SQLite must create the -wal and -shm files in) cannot be written. */
export function readOnly(path: string, folder: boolean): KeyturnError {
  const what = folder
    ? "The folder holding the vault is read-only (SQLite keeps the vault's -wal and -shm files beside it)"
    : 'The vault file is read-only';
  return new KeyturnError(
    'VAULT_READ_ONLY',
    `${what}: Keyturn records every unlock in the vault's audit log, so it opens only a vault it can write; nothing was changed. Make it writable, or work on a copy (${path})`,
  );
}

export function damaged(path: string): KeyturnError {
  return new KeyturnError(
    'VAULT_CORRUPT',
    `The vault file is damaged (SQLite cannot read part of it); nothing was changed. Restore it from a backup (${path})`,
  );
}

/** Runs `work` (SQLite calls on the file at `path`) with its failures mapped. */
export function onFile<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (cause) {
    throw vaultFailure(cause, path);
  }
}
