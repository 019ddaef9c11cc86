/** The lifecycle journal: plaintext ids, operation and state; the data object sealed. */
import { z } from 'zod';
import { corrupt, randomId } from './crypto';
import type { Db } from './database';
import { notFound, openField, sealField, type Session } from './session';
import type { JournalEntry, JournalHead, RotationOperation } from './types';

interface JournalRow {
  id: string;
  token_id: string | null;
  operation: RotationOperation;
  state: string;
  data: Uint8Array;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'id, token_id, operation, state, data, created_at, updated_at';
/** Spelled as the partial index journal_open (schema v5) spells it, so SQLite uses the index. */
const OPEN = "state NOT IN ('done', 'abandoned')";
const aad = (id: string, tokenId: string | null, operation: string): string =>
  `journal/${id}/${tokenId ?? '-'}/${operation}/data`;
const dataSchema = z.record(z.string(), z.unknown());

function view(s: Session, r: JournalRow): JournalEntry {
  const record = `journal entry ${r.id}`;
  let data: Record<string, unknown>;
  try {
    data = dataSchema.parse(JSON.parse(openField(s, r.data, aad(r.id, r.token_id, r.operation), record)));
  } catch (cause) {
    if (cause instanceof Error && cause.name === 'KeyturnError') throw cause;
    throw corrupt(record);
  }
  return {
    id: r.id,
    tokenId: r.token_id,
    operation: r.operation,
    state: r.state,
    data,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function row(s: Session, id: string): JournalRow {
  const r = s.db.prepare(`SELECT ${COLUMNS} FROM journal WHERE id = ?`).get(id) as JournalRow | undefined;
  if (!r) throw notFound('journal entry');
  return r;
}

export function insertJournal(
  s: Session,
  e: {
    id?: string | undefined;
    tokenId: string | null;
    operation: RotationOperation;
    state: string;
    data: Record<string, unknown>;
  },
): JournalEntry {
  // A caller that claimed the entry's lock first (journal-lock.ts) brings the id it locked.
  const id = e.id ?? randomId();
  const now = s.now();
  const data = JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>;
  s.db
    .prepare(`INSERT INTO journal (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run(
      id,
      e.tokenId,
      e.operation,
      e.state,
      sealField(s, JSON.stringify(data), aad(id, e.tokenId, e.operation)),
      now,
      now,
    );
  return { id, tokenId: e.tokenId, operation: e.operation, state: e.state, data, createdAt: now, updatedAt: now };
}

export function patchJournal(s: Session, id: string, state: string, data: Record<string, unknown>): JournalEntry {
  const r = row(s, id);
  const old = view(s, r);
  const now = Math.max(s.now(), r.updated_at);
  const copy = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  s.db
    .prepare('UPDATE journal SET state = ?, data = ?, updated_at = ? WHERE id = ?')
    .run(state, sealField(s, JSON.stringify(copy), aad(id, r.token_id, r.operation)), now, id);
  return { ...old, state, data: copy, updatedAt: now };
}

export function readJournal(s: Session, id: string): JournalEntry {
  return view(s, row(s, id));
}

export interface JournalFilter {
  readonly unfinishedOnly?: boolean | undefined;
  /** Only this token's entries (unfinished ones through the index). */
  readonly tokenId?: string | undefined;
}

export function readJournals(s: Session, filter: JournalFilter): JournalEntry[] {
  const where: string[] = [];
  const args: string[] = [];
  if (filter.unfinishedOnly === true) where.push(OPEN);
  if (filter.tokenId !== undefined) {
    where.push('token_id = ?');
    args.push(filter.tokenId);
  }
  const condition = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  const sql = `SELECT ${COLUMNS} FROM journal ${condition} ORDER BY created_at, rowid`;
  return (s.db.prepare(sql).all(...args) as JournalRow[]).map((r) => view(s, r));
}

/** One indexed probe, no decryption: what `get` pays when a token has no open entry. */
export function hasOpenJournal(db: Db, tokenId: string): boolean {
  return db.prepare(`SELECT 1 FROM journal WHERE token_id = ? AND ${OPEN} LIMIT 1`).get(tokenId) !== undefined;
}

/** Unfinished entries as a locked file shows them: plaintext columns only. */
export function readOpenJournalHeads(db: Db): Omit<JournalHead, 'running'>[] {
  const rows = db
    .prepare(`SELECT id, token_id, operation, state, updated_at FROM journal WHERE ${OPEN} ORDER BY created_at, rowid`)
    .all() as Pick<JournalRow, 'id' | 'token_id' | 'operation' | 'state' | 'updated_at'>[];
  return rows.map((r) => ({
    id: r.id,
    tokenId: r.token_id,
    operation: r.operation,
    state: r.state,
    updatedAt: r.updated_at,
  }));
}
