/**
 * The first-screen record assembled from its parts (first-screen.ts), inside one read
 * transaction: the member chunks' facts made at the revisions on disk are used as they are; the chunks
 * whose facts are stale, missing or damaged, and those the rows part was not made from, are
 * decrypted (only those) and their facts and rows worked out again. Exact by construction: every
 * count comes from a part checked against its chunk's revision or from the chunk itself, and the
 * rows are the stored rows of unchanged chunks with the changed chunks' tokens merged in.
 */
import type { TokenView } from '../../shared/model';
import { groupFacts, type FactGroup, type FirstScreenRecord } from './first-screen-codec';
import { firstScreenTag, holdsAllRows, patchRows, staleRowChunks, type Rows } from './first-screen-delta';
import { openGroupPart, openRowsPart, prepared, readChunkRevs, readSealedGroups, sameChunkRevs } from './first-screen';
import type { Session } from './session';

/** What was read, and what of it is stored and current (so a renewal writes only the rest). */
export interface ReadScreen {
  readonly record: FirstScreenRecord;
  /** The chunks whose facts were found stored for their revisions on disk: chunk id → revision. */
  readonly storedParts: ReadonlyMap<number, number>;
  /** The rows part stored describes every chunk on disk and holds as many rows as a renewal would. */
  readonly rowsStored: boolean;
}

/**
 * Inside one read transaction: the record for `tag`, its rows empty when the rows part is missing,
 * for another sort or collation, or holds nothing exact. With no part at all (a vault never
 * renewed) every chunk is decrypted, as the list would be, and kept in memory. `tokensOf`: a chunk's
 * tokens at the revision on disk (from memory, or decrypted from this transaction's snapshot).
 * `kept`: the record as last read, used again while it still describes the chunks.
 */
export function readFirstScreen(
  s: Session,
  tag: string,
  kept: FirstScreenRecord | null,
  tokensOf: (chunkId: number, rev: number) => readonly TokenView[],
): ReadScreen {
  const onDisk = readChunkRevs(s);
  if (kept !== null && kept.tag === tag && sameChunkRevs(kept.chunks, onDisk)) {
    const rows = withUses(s, kept.rows);
    const record = { ...kept, rows: rows ?? [] };
    return { record, storedParts: new Map(), rowsStored: false };
  }
  const revOf = new Map(onDisk.map((c) => [c.id, c.rev]));
  const groups: FactGroup[] = [];
  const storedParts = new Map<number, number>();
  for (const [group, sealed] of readSealedGroups(s)) {
    for (const m of openGroupPart(s, group, sealed) ?? []) {
      if (revOf.get(m.id) !== m.rev) continue;
      for (const g of m.groups) groups.push(g);
      storedParts.set(m.id, m.rev);
    }
  }
  const staleParts = onDisk.filter((c) => !storedParts.has(c.id));
  const stored = openRowsPart(s);
  const usable = stored !== null && stored.tag === tag ? stored : null;
  const staleRows = usable === null ? new Set<number>() : staleRowChunks(usable, onDisk);
  const patchable = usable !== null && (staleRows.size === 0 || tag === firstScreenTag());
  const toDecrypt = new Set([...staleParts.map((c) => c.id), ...(patchable ? [...staleRows] : [])]);
  const decrypted = new Map<number, readonly TokenView[]>();
  for (const id of toDecrypt) {
    const rev = revOf.get(id);
    decrypted.set(id, rev === undefined ? [] : tokensOf(id, rev));
  }
  for (const c of staleParts) for (const g of groupFacts(decrypted.get(c.id) ?? [])) groups.push(g);
  let rows: Rows | null = null;
  if (usable !== null && patchable) {
    rows = staleRows.size === 0 ? usable : patchRows(usable, staleRows, (id) => decrypted.get(id) ?? []);
  }
  const views = rows === null ? [] : (withUses(s, rows.rows) ?? []);
  return {
    record: { tag, chunks: onDisk, groups, rows: views },
    storedParts,
    rowsStored: rows !== null && staleRows.size === 0 && holdsAllRows(rows),
  };
}

/** The rows with their recorded uses; null if a row's token is not in the tokens table (not this list). */
function withUses(s: Session, rows: readonly TokenView[]): TokenView[] | null {
  const use = prepared(s.db, 'SELECT last_used_at FROM tokens WHERE id = ?');
  const out: TokenView[] = [];
  for (const view of rows) {
    const found = use.get(view.id) as { last_used_at: number | null } | undefined;
    if (!found) return null;
    const at = found.last_used_at;
    out.push(at === null || (view.lastUsedAt !== null && view.lastUsedAt >= at) ? view : { ...view, lastUsedAt: at });
  }
  return out;
}
