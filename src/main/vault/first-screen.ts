/**
 * The first-screen record (first-screen-codec.ts): what the window shows right after unlock, in
 * sealed parts in the settings table under keys no setting can take (setting keys have no `/`),
 * sealed with the records key (XChaCha20-Poly1305):
 *
 * - `first-screen/chunk/<id>`, AAD `first_screen/chunk/<id>`: one chunk's facts and the revision
 *   they were made from. The AAD binds the chunk: a part moved to another chunk's key fails to open.
 * - `first-screen/rows`, AAD `first_screen/rows`: the first rows of the label order, the chunk
 *   revisions they were made from and each row's chunk.
 *
 * It is derived data; the chunks stay the truth. A part is used only if it opens and its revision
 * equals its chunk's on disk, read in the same transaction: a part from an older revision, from
 * another chunk, altered, or missing is never shown; its chunk is decrypted instead and the part
 * rebuilt from it. The rows part is used for the chunks whose revisions it was made from; the rows
 * of the others are dropped and their decrypted tokens merged in (first-screen-delta.ts).
 * `first-screen/list` (the single record before the split) is ignored and deleted by a renewal.
 */
import type { TokenView } from '../../shared/model';
import { openBulk } from './bulk-open';
import { seal, utf8 } from './crypto';
import {
  decodeChunkPart,
  decodeChunkPartRev,
  decodeRowsPart,
  encodeChunkPart,
  encodeRowsPart,
  groupFacts,
  type ChunkPart,
  type ChunkRev,
  type RowsPart,
} from './first-screen-codec';
import { applyTokenDeltas, firstScreenTag, type TokenDelta } from './first-screen-delta';
import type { Session } from './session';
import { CodecError } from './token-codec';

const PART_PREFIX = 'first-screen/chunk/';
/** Just past every key that starts with PART_PREFIX ('0' follows '/'). */
const PART_END = 'first-screen/chunk0';
const ROWS_KEY = 'first-screen/rows';
const ROWS_AAD = 'first_screen/rows';
/** The single record before it was split (derived data: ignored, deleted by the next renewal). */
const OLD_KEY = 'first-screen/list';

const partKey = (chunkId: number): string => `${PART_PREFIX}${chunkId}`;
const partAad = (chunkId: number): string => `first_screen/chunk/${chunkId}`;

/** The chunks on disk, by id. */
export function readChunkRevs(s: Session): ChunkRev[] {
  return s.db.prepare('SELECT id, rev FROM token_chunks ORDER BY id').all() as ChunkRev[];
}

export function sameChunkRevs(a: readonly ChunkRev[], b: readonly ChunkRev[]): boolean {
  return a.length === b.length && a.every((c, i) => c.id === b[i]?.id && c.rev === b[i]?.rev);
}

/** Every stored chunk part, sealed, by chunk id (a key that is not a chunk id is not a part). */
export function readSealedParts(s: Session): Map<number, Uint8Array> {
  const rows = s.db
    .prepare('SELECT key, value FROM settings WHERE key >= ? AND key < ?')
    .all(PART_PREFIX, PART_END) as { key: string; value: Uint8Array }[];
  const parts = new Map<number, Uint8Array>();
  for (const { key, value } of rows) {
    const id = chunkIdOf(key);
    if (id !== null) parts.set(id, value);
  }
  return parts;
}

/** The chunk ids that have a part stored (keys only: nothing opened). */
export function readPartIds(s: Session): Set<number> {
  const rows = s.db.prepare('SELECT key FROM settings WHERE key >= ? AND key < ?').all(PART_PREFIX, PART_END) as {
    key: string;
  }[];
  const ids = new Set<number>();
  for (const { key } of rows) {
    const id = chunkIdOf(key);
    if (id !== null) ids.add(id);
  }
  return ids;
}

function chunkIdOf(key: string): number | null {
  const id = Number(key.slice(PART_PREFIX.length));
  return Number.isSafeInteger(id) && partKey(id) === key ? id : null;
}

/**
 * The chunk's part if it opens under this chunk's AAD and was made at `rev`; else null (never
 * shown: its chunk is decrypted instead). Its plaintext authenticated, a failure to decode it can
 * only be a writer's fault: it is not used either way.
 */
export function openChunkPart(s: Session, chunkId: number, rev: number, sealed: Uint8Array): ChunkPart | null {
  const plain = openBulk(s.keys.records, sealed, utf8(partAad(chunkId)));
  if (!plain) return null;
  try {
    return decodeChunkPartRev(plain) === rev ? decodeChunkPart(plain) : null;
  } catch {
    return null;
  } finally {
    plain.fill(0);
  }
}

/** Inside a read transaction: those of `chunks` whose stored part opens and was made at their revision. */
export function currentParts(s: Session, chunks: readonly ChunkRev[]): ChunkRev[] {
  const get = s.db.prepare('SELECT value FROM settings WHERE key = ?');
  return chunks.filter((c) => {
    const row = get.get(partKey(c.id)) as { value: Uint8Array } | undefined;
    return row !== undefined && openChunkPart(s, c.id, c.rev, row.value) !== null;
  });
}

/** The stored rows part if it opens and decodes; else null. */
export function openRowsPart(s: Session): RowsPart | null {
  const row = s.db.prepare('SELECT value FROM settings WHERE key = ?').get(ROWS_KEY) as
    { value: Uint8Array } | undefined;
  if (!row) return null;
  const plain = openBulk(s.keys.records, row.value, utf8(ROWS_AAD));
  if (!plain) return null;
  try {
    return decodeRowsPart(plain);
  } catch {
    return null;
  } finally {
    plain.fill(0);
  }
}

/** Inside a write transaction: stores the chunk's part (the caller made it from the chunk at `part.rev`). */
export function storeChunkPart(s: Session, chunkId: number, part: ChunkPart): void {
  const plain = encodeChunkPart(part);
  try {
    s.db
      .prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)')
      .run(partKey(chunkId), seal(s.keys.records, plain, partAad(chunkId)));
  } finally {
    plain.fill(0);
  }
}

/**
 * Inside a write transaction: stores the rows part (the caller checked its chunks are those on
 * disk) and drops the old single record; false, storing nothing, when it cannot be encoded.
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
    s.db
      .prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)')
      .run(ROWS_KEY, seal(s.keys.records, plain, ROWS_AAD));
    s.db.prepare('DELETE FROM settings WHERE key = ?').run(OLD_KEY);
    return true;
  } finally {
    plain.fill(0);
  }
}

/** What a write left of the record: the chunk parts it stored, and the rows part if it moved it. */
export interface KeptParts {
  readonly parts: ReadonlyMap<number, number>;
  readonly rows: RowsPart | null;
}

/**
 * Inside the write transaction that made `changes`, after them: each changed chunk's part made
 * again from the chunk as written (its tokens, its new revision), and the rows part moved along
 * when it described `before`, the chunks as the transaction found them (first-screen-delta.ts),
 * stored for the chunks as they are now. One transaction, so a crash leaves the old chunks with
 * the old parts or the new with the new. Other chunks' parts are not touched.
 */
export function keepFirstScreen(
  s: Session,
  before: readonly ChunkRev[],
  changes: readonly (TokenDelta & { readonly rev: number; readonly tokens: readonly TokenView[] })[],
): KeptParts {
  if (changes.length === 0) return { parts: new Map(), rows: null };
  const last = new Map<number, { rev: number; tokens: readonly TokenView[] }>();
  for (const change of changes) last.set(change.chunkId, change);
  const parts = new Map<number, number>();
  for (const [chunkId, { rev, tokens }] of last) {
    storeChunkPart(s, chunkId, { rev, groups: groupFacts(tokens) });
    parts.set(chunkId, rev);
  }
  const stored = openRowsPart(s);
  if (stored === null || stored.tag !== firstScreenTag() || !sameChunkRevs(stored.chunks, before)) {
    return { parts, rows: null };
  }
  const rows: RowsPart = { ...stored, ...applyTokenDeltas(stored, changes), chunks: readChunkRevs(s) };
  return { parts, rows: storeRowsPart(s, rows) ? rows : null };
}
