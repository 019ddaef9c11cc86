/**
 * What every store of an unlocked vault works with: the database, the purpose keys, the clock,
 * and a write helper that takes the write lock up front (BEGIN IMMEDIATE) so two processes never
 * interleave a read-modify-write, and waits out a busy peer instead of failing.
 */
import { KeyturnError } from '../../shared/errors';
import { openText, sealText } from './crypto';
import type { Db } from './database';
import type { PurposeKeys } from './keys';
import { isBusy, vaultFailure } from './sqlite-errors';

export interface Session {
  readonly db: Db;
  readonly keys: PurposeKeys;
  readonly vaultId: string;
  readonly now: () => number;
}

const BUSY_RETRIES = 5;

/**
 * Runs `fn` in one IMMEDIATE transaction; SQLITE_BUSY never reaches the caller as such, and every
 * other SQLite failure is mapped (sqlite-errors.ts) with the file's path.
 */
export function write<T>(db: Db, fn: () => T): T {
  return withRetries(db, () => db.transaction(fn).immediate());
}

/** Read helper with the same busy handling (a checkpointing peer can briefly block readers). */
export function read<T>(db: Db, fn: () => T): T {
  return withRetries(db, fn);
}

function withRetries<T>(db: Db, fn: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (cause) {
      if (!isBusy(cause) || attempt >= BUSY_RETRIES) throw vaultFailure(cause, db.name);
    }
  }
}

export function sealField(s: Session, text: string, aad: string): Uint8Array {
  return sealText(s.keys.records, text, aad);
}

export function openField(s: Session, sealed: Uint8Array, aad: string, record: string): string {
  return openText(s.keys.records, sealed, aad, record);
}

export function notFound(what: string): KeyturnError {
  return new KeyturnError('NOT_FOUND', `No ${what} with that id`);
}
