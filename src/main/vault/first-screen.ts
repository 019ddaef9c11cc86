/**
 * The first-screen record (first-screen-codec.ts): what the window shows right after unlock, in
 * sealed parts in the settings table under keys no setting can take (setting keys have no `/`),
 * sealed with the records key (XChaCha20-Poly1305):
 *
 * - `first-screen/group/<n>`, AAD `first_screen/group/<n>`: the facts of the chunks whose id is in
 *   group n (FIRST_SCREEN_GROUP consecutive ids), each member with its id and the revision its facts
 *   were made from. The AAD binds the group: a part moved to another group's key fails to open, and
 *   a member whose id is not in the group makes the part unusable.
 * - `first-screen/rows`, AAD `first_screen/rows`: the first rows of the label order, the chunk
 *   revisions they were made from and each row's chunk.
 *
 * It is derived data; the chunks stay the truth. A member's facts are used only if its part opens
 * and its revision equals its chunk's on disk, read in the same transaction: facts from an older
 * revision, from another group, altered, or missing are never shown; the chunk is decrypted instead
 * and its facts rebuilt from it (a part that fails to open makes all its members so). The rows part
 * is used for the chunks whose revisions it was made from; the rows of the others are dropped and
 * their decrypted tokens merged in (first-screen-delta.ts). `first-screen/list` (the single record
 * before the split) and `first-screen/chunk/<id>` (one part per chunk, before the groups) are
 * ignored and deleted by a renewal.
 */
import type Database from 'better-sqlite3';
import type { TokenView } from '../../shared/model';
import { openBulk } from './bulk-open';
import { seal, utf8 } from './crypto';
import type { Db } from './database';
import {
  decodeGroupPart,
  decodeRowsPart,
  encodeGroupPart,
  encodeRowsPart,
  groupFacts,
  groupOfChunk,
  type ChunkRev,
  type MemberPart,
  type RowsPart,
} from './first-screen-codec';
import { applyTokenDeltas, firstScreenTag, type TokenDelta } from './first-screen-delta';
import type { Session } from './session';
import { CodecError } from './token-codec';

const GROUP_PREFIX = 'first-screen/group/';
/** Just past every key that starts with GROUP_PREFIX ('0' follows '/'). */
const GROUP_END = 'first-screen/group0';
const ROWS_KEY = 'first-screen/rows';
const ROWS_AAD = 'first_screen/rows';
/** The single record before it was split (derived data: ignored, deleted by the next renewal). */
const OLD_KEY = 'first-screen/list';
/** One part per chunk, before the groups (derived data: ignored, deleted by the next renewal). */
const OLD_CHUNK_PREFIX = 'first-screen/chunk/';
const OLD_CHUNK_END = 'first-screen/chunk0';

const groupKey = (group: number): string => `${GROUP_PREFIX}${group}`;
const groupAad = (group: number): string => `first_screen/group/${group}`;

type Statement = Database.Statement<unknown[]>;
const statements = new WeakMap<Db, Map<string, Statement>>();

/** The statement for `sql` on this connection, prepared once (the reads here run at every unlock). */
export function prepared(db: Db, sql: string): Statement {
  let byText = statements.get(db);
  if (byText === undefined) statements.set(db, (byText = new Map()));
  let statement = byText.get(sql);
  if (statement === undefined) byText.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/**
 * What the first screen reads before it opens anything (the chunk revisions and every part of
 * the record, sealed), read with the same functions and dropped, with no key: the warm-up while
 * locked (warm-up.ts). Returns how many parts are stored.
 */
export function readSealedRecord(db: Db): number {
  const s = { db };
  readChunkRevs(s);
  return readSealedGroups(s).size + (readSealedRows(s) === null ? 0 : 1);
}

/** The chunks on disk, by id. */
export function readChunkRevs(s: Pick<Session, 'db'>): ChunkRev[] {
  return prepared(s.db, 'SELECT id, rev FROM token_chunks ORDER BY id').all() as ChunkRev[];
}

export function sameChunkRevs(a: readonly ChunkRev[], b: readonly ChunkRev[]): boolean {
  return a.length === b.length && a.every((c, i) => c.id === b[i]?.id && c.rev === b[i]?.rev);
}

/** Every stored group part, sealed, by group number (a key that is not a group number is not a part). */
export function readSealedGroups(s: Pick<Session, 'db'>): Map<number, Uint8Array> {
  const rows = prepared(s.db, 'SELECT key, value FROM settings WHERE key >= ? AND key < ?').all(
    GROUP_PREFIX,
    GROUP_END,
  ) as { key: string; value: Uint8Array }[];
  const parts = new Map<number, Uint8Array>();
  for (const { key, value } of rows) {
    const group = groupOf(key);
    if (group !== null) parts.set(group, value);
  }
  return parts;
}

/** The group numbers that have a part stored (keys only: nothing opened). */
export function readGroupNumbers(s: Session): Set<number> {
  const rows = prepared(s.db, 'SELECT key FROM settings WHERE key >= ? AND key < ?').all(GROUP_PREFIX, GROUP_END) as {
    key: string;
  }[];
  const groups = new Set<number>();
  for (const { key } of rows) {
    const group = groupOf(key);
    if (group !== null) groups.add(group);
  }
  return groups;
}

function groupOf(key: string): number | null {
  const group = Number(key.slice(GROUP_PREFIX.length));
  return Number.isSafeInteger(group) && groupKey(group) === key ? group : null;
}

/**
 * The members of group `group`'s part if it opens under this group's AAD and every member belongs
 * to the group, once; else null (never shown: its chunks are decrypted instead). Its plaintext
 * authenticated, a failure to decode it can only be a writer's fault: it is not used either way.
 * The caller uses a member only at its chunk's revision on disk.
 */
export function openGroupPart(s: Session, group: number, sealed: Uint8Array): MemberPart[] | null {
  const plain = openBulk(s.keys.records, sealed, utf8(groupAad(group)));
  if (!plain) return null;
  try {
    const members = decodeGroupPart(plain);
    const ids = new Set<number>();
    for (const m of members) {
      if (groupOfChunk(m.id) !== group || ids.has(m.id)) return null;
      ids.add(m.id);
    }
    return members;
  } catch {
    return null;
  } finally {
    plain.fill(0);
  }
}

/** Inside a read transaction: the stored, opened members of `group` (none if missing or damaged). */
function storedMembers(s: Session, group: number): MemberPart[] {
  const row = prepared(s.db, 'SELECT value FROM settings WHERE key = ?').get(groupKey(group)) as
    { value: Uint8Array } | undefined;
  return row === undefined ? [] : (openGroupPart(s, group, row.value) ?? []);
}

/** Inside a read transaction: those of `chunks` whose facts are stored, in a part that opens, at their revision. */
export function currentParts(s: Session, chunks: readonly ChunkRev[]): ChunkRev[] {
  const stored = new Map<number, number>();
  for (const group of new Set(chunks.map((c) => groupOfChunk(c.id)))) {
    for (const m of storedMembers(s, group)) stored.set(m.id, m.rev);
  }
  return chunks.filter((c) => stored.get(c.id) === c.rev);
}

/** The rows part, sealed, or null when none is stored. */
function readSealedRows(s: Pick<Session, 'db'>): Uint8Array | null {
  const row = prepared(s.db, 'SELECT value FROM settings WHERE key = ?').get(ROWS_KEY) as
    { value: Uint8Array } | undefined;
  return row?.value ?? null;
}

/** The stored rows part if it opens and decodes; else null. */
export function openRowsPart(s: Session): RowsPart | null {
  const sealed = readSealedRows(s);
  if (sealed === null) return null;
  const plain = openBulk(s.keys.records, sealed, utf8(ROWS_AAD));
  if (!plain) return null;
  try {
    return decodeRowsPart(plain);
  } catch {
    return null;
  } finally {
    plain.fill(0);
  }
}

/** Inside a write transaction: stores group `group`'s part (the caller made each member from its chunk at its `rev`). */
export function storeGroupPart(s: Session, group: number, members: readonly MemberPart[]): void {
  const plain = encodeGroupPart([...members].sort((a, b) => a.id - b.id));
  try {
    prepared(s.db, 'INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(
      groupKey(group),
      seal(s.keys.records, plain, groupAad(group)),
    );
  } finally {
    plain.fill(0);
  }
}

/**
 * Inside a write transaction: stores the rows part (the caller checked its chunks are those on
 * disk) and drops the records of older Keyturns; false, storing nothing, when it cannot be encoded.
 */
export function storeRowsPart(s: Session, part: RowsPart): boolean {
  let plain: Uint8Array;
  try {
    plain = encodeRowsPart(part);
  } catch (cause) {
    if (cause instanceof CodecError) return false;
    throw cause;
  }
  try {
    prepared(s.db, 'INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(
      ROWS_KEY,
      seal(s.keys.records, plain, ROWS_AAD),
    );
    prepared(s.db, 'DELETE FROM settings WHERE key = ?').run(OLD_KEY);
    prepared(s.db, 'DELETE FROM settings WHERE key >= ? AND key < ?').run(OLD_CHUNK_PREFIX, OLD_CHUNK_END);
    return true;
  } finally {
    plain.fill(0);
  }
}

/**
 * The rows part of a vault with no chunks yet: no rows, and they are the whole list. A first write
 * into a new vault (the CLI's `add` or `import`, the window's first token) starts the rows part
 * from it, so a vault built through Keyturn has its whole record before a window ever opens it.
 */
function emptyRowsPart(): RowsPart {
  return { tag: firstScreenTag(), complete: true, chunks: [], rowChunks: [], rows: [] };
}

/** What a write left of the record: the chunks whose facts it stored, and the rows part if it moved it. */
export interface KeptParts {
  readonly parts: ReadonlyMap<number, number>;
  readonly rows: RowsPart | null;
}

/**
 * Inside the write transaction that made `changes`, after them: each changed chunk's facts made
 * again from the chunk as written (its tokens, its new revision) and its group part resealed with
 * them, the group's other members kept as stored when they are still at their chunk's revision;
 * and the rows part moved along when it described `before`, the chunks as the transaction found
 * them (first-screen-delta.ts), or started when there were none, stored for the chunks as they are now. One transaction, so a crash
 * leaves the old chunks with the old parts or the new with the new. Other groups are not touched.
 */
export function keepFirstScreen(
  s: Session,
  before: readonly ChunkRev[],
  changes: readonly (TokenDelta & { readonly rev: number; readonly tokens: readonly TokenView[] })[],
): KeptParts {
  if (changes.length === 0) return { parts: new Map(), rows: null };
  const last = new Map<number, { rev: number; tokens: readonly TokenView[] }>();
  for (const change of changes) last.set(change.chunkId, change);
  const now = readChunkRevs(s);
  const revOf = new Map(now.map((c) => [c.id, c.rev]));
  const groups = new Map<number, MemberPart[]>();
  const parts = new Map<number, number>();
  for (const [id, { rev, tokens }] of last) {
    const group = groupOfChunk(id);
    let members = groups.get(group);
    if (members === undefined) {
      members = storedMembers(s, group).filter((m) => !last.has(m.id) && revOf.get(m.id) === m.rev);
      groups.set(group, members);
    }
    members.push({ id, rev, groups: groupFacts(tokens) });
    parts.set(id, rev);
  }
  for (const [group, members] of groups) storeGroupPart(s, group, members);
  // No rows part: the empty one, which describes only a vault without chunks (sameChunkRevs below).
  const stored = openRowsPart(s) ?? emptyRowsPart();
  if (stored === null || stored.tag !== firstScreenTag() || !sameChunkRevs(stored.chunks, before)) {
    return { parts, rows: null };
  }
  const rows: RowsPart = { ...stored, ...applyTokenDeltas(stored, changes), chunks: now };
  return { parts, rows: storeRowsPart(s, rows) ? rows : null };
}
