/**
 * The first-screen record assembled from its parts (first-screen.ts), inside one read
 * transaction: the member chunks' facts made at the revisions on disk are used as they are; the chunks
 * whose facts are stale, missing or damaged, and those the rows part was not made from, are
 * decrypted (only those) and their facts and rows worked out again. Exact by construction: every
 * count comes from a part checked against its chunk's revision or from the chunk itself, and the
 * rows are the stored rows of unchanged chunks with the changed chunks' tokens merged in, or, with
 * no usable rows part, the first rows of the label order selected from every chunk. Chunks are read
 * as columns (first-screen-build.ts): no view per token, only the rows become views.
 */
import type { FactGroup, FirstScreenRecord } from './first-screen-codec';
import { groupFactsOfColumns } from './first-screen-codec';
import { LabelOrderSelection, patchSelection, rowsByChunk, rowsOfSelection } from './first-screen-build';
import {
  FIRST_SCREEN_ROWS,
  firstScreenTag,
  holdsAllRows,
  patchRows,
  staleRowChunks,
  type Rows,
} from './first-screen-delta';
import { openGroupPart, openRowsPart, prepared, readChunkRevs, readSealedGroups, sameChunkRevs } from './first-screen';
import type { Session } from './session';
import type { ChunkColumns } from './token-codec';
import type { TokenView } from '../../shared/model';

/** What was read, and what of it is stored and current (so a renewal writes only the rest). */
export interface ReadScreen {
  readonly record: FirstScreenRecord;
  /** The chunks whose facts were found stored for their revisions on disk: chunk id → revision. */
  readonly storedParts: ReadonlyMap<number, number>;
  /** The rows part stored describes every chunk on disk and holds as many rows as a renewal would. */
  readonly rowsStored: boolean;
}

/**
 * Inside one read transaction: the record for `tag`. Its rows: the rows part's, patched for the
 * chunks it was not made from; with no usable rows part (missing, damaged, another vault's) and
 * `tag` this process's label order, the first rows selected from every chunk; else (another sort
 * or collation) none, and the list answers. With no part at all (a vault never renewed) every chunk
 * is decrypted, as columns, and nothing of them is kept. `columnsOf`: a chunk's columns at the
 * revision on disk (views from memory, or decrypted from this transaction's snapshot; a damaged
 * chunk throws VAULT_CORRUPT naming it). `kept`: the record as last read, used again while it still
 * describes the chunks.
 */
export function readFirstScreen(
  s: Session,
  tag: string,
  kept: FirstScreenRecord | null,
  columnsOf: (chunkId: number, rev: number) => ChunkColumns,
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
  const rowsFromChunks = usable === null && tag === firstScreenTag();
  // Rows to patch (stale rows of a part that did not hold them all and holds none cannot be).
  const bound = usable === null || usable.complete ? null : (usable.rows[usable.rows.length - 1] ?? null);
  const patching = usable !== null && patchable && staleRows.size > 0 && (usable.complete || bound !== null);
  const selection = rowsFromChunks
    ? new LabelOrderSelection(FIRST_SCREEN_ROWS, null)
    : patching
      ? patchSelection(bound)
      : null;
  const toDecrypt = rowsFromChunks
    ? onDisk.map((c) => c.id)
    : [...new Set([...staleParts.map((c) => c.id), ...(patchable ? staleRows : [])])];
  const factsDue = new Set(staleParts.map((c) => c.id));
  // One chunk at a time: its columns are dropped after its turn (first-screen-build.ts).
  for (const id of toDecrypt) {
    const rev = revOf.get(id);
    if (rev === undefined) continue; // a chunk the rows part knew, gone: none of its tokens
    const columns = columnsOf(id, rev);
    if (factsDue.has(id)) for (const g of groupFactsOfColumns(columns)) groups.push(g);
    if (selection !== null && (rowsFromChunks || staleRows.has(id))) selection.add(id, columns);
  }
  let rows: Rows | null = null;
  if (usable !== null && patchable) {
    const candidates = selection === null ? new Map<number, TokenView[]>() : rowsByChunk(selection);
    rows = staleRows.size === 0 ? usable : patchRows(usable, staleRows, (id) => candidates.get(id) ?? []);
  } else if (selection !== null) {
    rows = rowsOfSelection(selection);
  }
  const views = rows === null ? [] : (withUses(s, rows.rows) ?? []);
  return {
    record: { tag, chunks: onDisk, groups, rows: views },
    storedParts,
    rowsStored: usable !== null && rows !== null && staleRows.size === 0 && holdsAllRows(rows),
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
