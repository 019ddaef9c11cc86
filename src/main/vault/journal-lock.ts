/**
 * Who is working on a journal entry. A process that runs an entry holds an exclusive OS lock on a
 * small file beside the vault (`<vault>.locks/<journal id>`) for as long as it runs it; the kernel
 * drops the lock when the process ends in any way (exit, Ctrl-C, SIGKILL, a crash), so a held lock
 * means a live owner and a free one means nobody is on it. Nothing to expire, no clock, no pid reuse.
 *
 * The lock is SQLite's own file lock (an exclusive transaction on an empty database), the one
 * portable OS lock Node reaches without another native module: fcntl on Unix, LockFileEx on
 * Windows. Within one process a second connection is refused the same way, so one process cannot
 * run an entry twice either. Like SQLite itself, it needs a file system with working locks.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KeyturnError } from '../../shared/errors';

export interface JournalClaim {
  readonly journalId: string;
  /** Drops the lock; `finished` also removes the lock file (nobody needs a finished entry's). */
  release(options?: { readonly finished?: boolean }): void;
}

/** Journal ids are randomId() (base64url); anything else never names a file. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function lockDir(vaultPath: string): string {
  // Resolved so the app and the CLI agree on the folder when one reaches the vault through a link.
  const real = join(realpathSync(dirname(vaultPath)), basename(vaultPath));
  return `${real}.locks`;
}

function lockFile(vaultPath: string, journalId: string): string {
  if (!ID_PATTERN.test(journalId)) throw new KeyturnError('INVALID_INPUT', 'Not a journal id');
  return join(lockDir(vaultPath), journalId);
}

function isBusy(cause: unknown): boolean {
  return cause instanceof Error && 'code' in cause && /^SQLITE_BUSY/.test(String(cause.code));
}

/** Takes the entry's lock, or null while another process (or another claim here) holds it. */
export function claimJournal(vaultPath: string, journalId: string): JournalClaim | null {
  const path = lockFile(vaultPath, journalId);
  let db: Database.Database;
  try {
    // Private: another local user who could open these files could hold Keyturn's locks forever.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    db = new Database(path, { timeout: 0 });
  } catch {
    throw new KeyturnError('VAULT_IO', `Keyturn could not make its lock file in ${dirname(path)}`);
  }
  try {
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE');
  } catch (cause) {
    db.close();
    if (isBusy(cause)) return null;
    throw cause;
  }
  let held = true;
  return {
    journalId,
    release(options = {}) {
      if (!held) return;
      held = false;
      // Removed while still locked: a process that opened the old file finds the entry finished.
      // Best effort (Windows keeps an open file): a leftover file holds no lock.
      if (options.finished === true) tryRemove(path);
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

function tryRemove(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Left for the next release of a finished entry, or forever: an unlocked file means nothing.
  }
}

/** Whether a live process holds the entry's lock (taken and given back at once when free). */
export function isJournalClaimed(vaultPath: string, journalId: string): boolean {
  // No file: nobody ever claimed it, or its owner finished it. Nothing is created for a look.
  if (!existsSync(lockFile(vaultPath, journalId))) return false;
  try {
    const claim = claimJournal(vaultPath, journalId);
    claim?.release();
    return claim === null;
  } catch {
    // A folder this process cannot write (a read-only vault): no owner can be seen from here.
    return false;
  }
}
