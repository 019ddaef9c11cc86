/** The lifecycle journal: plaintext ids, operation and state; the data object sealed. */
import { z } from 'zod';
import { corrupt, randomId } from './crypto';
import { notFound, openField, sealField, type Session } from './session';
import type { JournalEntry, RotationOperation } from './types';

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
const FINISHED = ['done', 'abandoned'];
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
  e: { tokenId: string | null; operation: RotationOperation; state: string; data: Record<string, unknown> },
): JournalEntry {
  const id = randomId();
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

/** True while an entry for the token is neither done nor abandoned. */
export function hasOpenJournal(s: Session, tokenId: string): boolean {
  const sql = `SELECT 1 FROM journal WHERE token_id = ? AND state NOT IN (${FINISHED.map(() => '?').join(', ')})`;
  return s.db.prepare(sql).get(tokenId, ...FINISHED) !== undefined;
}

export function readJournal(s: Session, id: string): JournalEntry {
  return view(s, row(s, id));
}

export function readJournals(s: Session, unfinishedOnly: boolean): JournalEntry[] {
  const sql = unfinishedOnly
    ? `SELECT ${COLUMNS} FROM journal WHERE state NOT IN (${FINISHED.map(() => '?').join(', ')}) ORDER BY created_at, rowid`
    : `SELECT ${COLUMNS} FROM journal ORDER BY created_at, rowid`;
  const rows = (unfinishedOnly ? s.db.prepare(sql).all(...FINISHED) : s.db.prepare(sql).all()) as JournalRow[];
  return rows.map((r) => view(s, r));
}
