/**
 * Opening the SQLite file: pragmas set and read back (refused if the platform did not apply
 * them), version check, and migrations in one transaction after a backup copy of the file.
 */
import Database from 'better-sqlite3';
import { accessSync, constants, copyFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyturnError } from '../../shared/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { write } from './session';
import { onFile, readOnly } from './sqlite-errors';

export type Db = Database.Database;
export const BUSY_TIMEOUT_MS = 5000;

const REQUIRED_PRAGMAS: readonly (readonly [string, string | number])[] = [
  ['journal_mode', 'wal'],
  ['synchronous', 2],
  ['foreign_keys', 1],
  ['secure_delete', 1],
  ['busy_timeout', BUSY_TIMEOUT_MS],
];

export function openDatabase(path: string, mustExist: boolean): Db {
  if (mustExist && !existsSync(path)) {
    throw new KeyturnError('VAULT_NOT_FOUND', 'No vault file exists at the given path');
  }
  assertWritable(path, mustExist);
  const db = onFile(path, () => new Database(path, { fileMustExist: mustExist }));
  try {
    onFile(path, () => applyPragmas(db));
    return db;
  } catch (cause) {
    db.close();
    throw cause;
  }
}

/**
 * Refuses a vault Keyturn cannot write before SQLite touches it: SQLite would open a read-only file
 * read-only and leave read-only -wal and -shm files beside it, which keep the vault read-only even
 * after the file is made writable again.
 */
function assertWritable(path: string, exists: boolean): void {
  const targets: [string, boolean][] = exists
    ? [
        [path, false],
        [dirname(path), true],
      ]
    : [[dirname(path), true]];
  for (const [target, isFolder] of targets) {
    try {
      accessSync(target, constants.W_OK);
    } catch (cause) {
      const code = cause instanceof Error && 'code' in cause ? String(cause.code) : '';
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw readOnly(path, isFolder);
    }
  }
}

function applyPragmas(db: Db): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // A file that is not SQLite fails here (SQLITE_NOTADB); a full disk or a damaged page are mapped on their own.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  for (const [name, expected] of REQUIRED_PRAGMAS) {
    const actual = db.pragma(name, { simple: true });
    if (actual !== expected) {
      throw new KeyturnError('VAULT_IO', `SQLite refused the required setting ${name}=${String(expected)}`);
    }
  }
}

export function schemaVersion(db: Db): number {
  return onFile(db.name, () => Number(db.pragma('user_version', { simple: true })));
}

/** Brings a new (version 0) file to `target`, without a backup: there is nothing to lose yet. */
export function initialise(db: Db, target = LATEST_SCHEMA_VERSION): void {
  runMigrations(db, 0, target);
}

/** Refuses newer files; migrates older ones after copying the file to `<path>.v<from>.bak`. */
export function assertReadableVersion(db: Db): number {
  const version = schemaVersion(db);
  if (version > LATEST_SCHEMA_VERSION) {
    throw new KeyturnError(
      'VAULT_TOO_NEW',
      `This vault was written by a newer Keyturn (schema ${version}; this version reads up to ${LATEST_SCHEMA_VERSION}). Update Keyturn to open it.`,
    );
  }
  if (version < 1) throw new KeyturnError('VAULT_HEADER_INVALID', `The file is not a Keyturn vault (${db.name})`);
  return version;
}

export function migrate(db: Db, path: string): void {
  const version = assertReadableVersion(db);
  if (version === LATEST_SCHEMA_VERSION) return;
  onFile(path, () => db.pragma('wal_checkpoint(TRUNCATE)'));
  copyFileSync(path, `${path}.v${version}.bak`);
  runMigrations(db, version, LATEST_SCHEMA_VERSION);
}

function runMigrations(db: Db, from: number, to: number): void {
  write(db, () => {
    for (const migration of MIGRATIONS) {
      if (migration.version > from && migration.version <= to) db.exec(migration.sql);
    }
    db.pragma(`user_version = ${to}`);
  });
}
