/**
 * What every store of an unlocked vault works with: the database, the purpose keys, the clock,
 * and a write helper that takes the write lock up front (BEGIN IMMEDIATE) so two processes never
 * interleave a read-modify-write, and waits out a busy peer instead of failing.
 */
import { KeyturnError } from '../../shared/errors';
import { openText, sealText } from './crypto';
import type { Db } from './database';
import type { PurposeKeys } from './keys';

export interface Session {
  readonly db: Db;
  readonly keys: PurposeKeys;
  readonly vaultId: string;
  readonly now: () => number;
}

const BUSY_RETRIES = 5;

function isBusy(cause: unknown): boolean {
  return cause instanceof Error && 'code' in cause && /^SQLITE_BUSY/.test(String(cause.code));
}

/** Runs `fn` in one IMMEDIATE transaction; SQLITE_BUSY never reaches the caller as such. */
export function write<T>(db: Db, fn: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return db.transaction(fn).immediate();
    } catch (cause) {
      if (!isBusy(cause)) throw mapSqliteError(cause);
      if (attempt >= BUSY_RETRIES)
        throw new KeyturnError('VAULT_BUSY', 'The vault is busy in another process; try again');
    }
  }
}

/** Read helper with the same busy handling (a checkpointing peer can briefly block readers). */
export function read<T>(fn: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (cause) {
      if (!isBusy(cause)) throw mapSqliteError(cause);
      if (attempt >= BUSY_RETRIES)
        throw new KeyturnError('VAULT_BUSY', 'The vault is busy in another process; try again');
    }
  }
}

function mapSqliteError(cause: unknown): unknown {
  if (cause instanceof KeyturnError) return cause;
  if (cause instanceof Error && 'code' in cause && String(cause.code).startsWith('SQLITE_CONSTRAINT')) {
    return new KeyturnError('INVALID_INPUT', 'The change conflicts with existing vault records');
  }
  if (cause instanceof Error && 'code' in cause && String(cause.code).startsWith('SQLITE_')) {
    return new KeyturnError('VAULT_IO', `The vault file could not be accessed (${String(cause.code)})`);
  }
  return cause;
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
