/**
 * The first-screen record (first-screen-codec.ts): what the window shows right after unlock,
 * sealed with the records key (XChaCha20-Poly1305, AAD `first_screen/list`) in the settings table
 * under a key no setting can take (setting keys have no `/`).
 *
 * It is derived data; the chunks stay the truth. A reader uses it only when the chunk revisions it
 * was made from are exactly those on disk, read in the same transaction: a write by a process that
 * did not renew it (an older Keyturn, the CLI), a crash between a chunk's write and the record's,
 * or a record from another time is never shown, and the caller decrypts the list instead. A record
 * that fails to open (altered, moved from elsewhere) or to decode is treated the same way: it is
 * never shown, the full decode checks the chunks themselves, and the next write replaces it.
 */
import type { TokenView } from '../../shared/model';
import { openBulk } from './bulk-open';
import { seal, utf8 } from './crypto';
import {
  decodeFirstScreen,
  decodeFirstScreenHead,
  encodeFirstScreen,
  type ChunkRev,
  type FirstScreenRecord,
} from './first-screen-codec';
import { applyTokenDeltas, type TokenDelta } from './first-screen-delta';
import type { Session } from './session';
import { CodecError } from './token-codec';

const KEY = 'first-screen/list';
const AAD = 'first_screen/list';

/** The chunks on disk, by id. */
export function readChunkRevs(s: Session): ChunkRev[] {
  return s.db.prepare('SELECT id, rev FROM token_chunks ORDER BY id').all() as ChunkRev[];
}

export function sameChunkRevs(a: readonly ChunkRev[], b: readonly ChunkRev[]): boolean {
  return a.length === b.length && a.every((c, i) => c.id === b[i]?.id && c.rev === b[i]?.rev);
}

/**
 * Inside one read transaction: the record if it opens and describes the chunks on disk now, with
 * each row's recorded use folded in (tokens.last_used_at only moves forward); else null. `kept`:
 * the record as last read, used instead of opening it again while it still describes the chunks.
 */
export function readFirstScreen(s: Session, kept: FirstScreenRecord | null): FirstScreenRecord | null {
  const onDisk = readChunkRevs(s);
  const record = kept !== null && sameChunkRevs(kept.chunks, onDisk) ? kept : openStored(s, onDisk);
  if (record === null) return null;
  const rows = withUses(s, record.rows);
  return rows === null ? null : { ...record, rows };
}

/**
 * Inside the write transaction that made `deltas`, after them: the stored record moved along with
 * them (first-screen-delta.ts) when it described `before`, the chunks as the transaction found
 * them, and stored for the chunks as they are now; one transaction, so a crash leaves the old
 * chunks with the old record or the new with the new. Null (the record is left, no longer
 * matching, not used) when there is none, it was not current, or it cannot be moved exactly.
 */
export function keepFirstScreen(
  s: Session,
  before: readonly ChunkRev[],
  deltas: readonly TokenDelta[],
): FirstScreenRecord | null {
  if (deltas.length === 0) return null;
  const stored = openStored(s, before);
  const moved = stored === null ? null : applyTokenDeltas(stored, deltas);
  if (stored === null || moved === null) return null;
  const record = { ...stored, ...moved, chunks: readChunkRevs(s) };
  return storeFirstScreen(s, record) ? record : null;
}

/**
 * The stored record if it opens and was made from `onDisk`. Its plaintext authenticated, a
 * failure to decode it can only be a writer's fault: it is not used either way.
 */
function openStored(s: Session, onDisk: readonly ChunkRev[]): FirstScreenRecord | null {
  const row = s.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: Uint8Array } | undefined;
  if (!row) return null;
  const plain = openBulk(s.keys.records, row.value, utf8(AAD));
  if (!plain) return null;
  try {
    return sameChunkRevs(decodeFirstScreenHead(plain).chunks, onDisk) ? decodeFirstScreen(plain) : null;
  } catch {
    return null;
  } finally {
    plain.fill(0);
  }
}

/**
 * Inside a write transaction: stores the record (the caller checked its chunks are those on
 * disk); false, storing nothing, when it cannot be encoded.
 */
export function storeFirstScreen(s: Session, record: FirstScreenRecord): boolean {
  let plain: Uint8Array;
  try {
    plain = encodeFirstScreen(record);
  } catch (cause) {
    if (cause instanceof CodecError) return false;
    throw cause;
  }
  try {
    s.db
      .prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)')
      .run(KEY, seal(s.keys.records, plain, AAD));
    return true;
  } finally {
    plain.fill(0);
  }
}

/** The rows with their recorded uses; null if a row's token is not in the tokens table (not this list). */
function withUses(s: Session, rows: readonly TokenView[]): TokenView[] | null {
  const use = s.db.prepare('SELECT last_used_at FROM tokens WHERE id = ?');
  const out: TokenView[] = [];
  for (const view of rows) {
    const found = use.get(view.id) as { last_used_at: number | null } | undefined;
    if (!found) return null;
    const at = found.last_used_at;
    out.push(at === null || (view.lastUsedAt !== null && view.lastUsedAt >= at) ? view : { ...view, lastUsedAt: at });
  }
  return out;
}
