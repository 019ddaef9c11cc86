/**
 * The first-screen rows part moved along with a write, and patched after chunks changed outside
 * it, without decoding the whole list.
 *
 * The rows stay the first rows of the label order. A write (ChunkChange.removed/added): a token
 * taken out leaves them (one they do not hold sorted after them all); a token put in joins them
 * when it sorts before their last one, or when they hold the whole list, and the last row falls
 * off past FIRST_SCREEN_ROWS. A patch, for chunks whose revision moved outside the part (their
 * tokens decrypted): their rows are dropped and their tokens that sort up to the part's last row
 * merged in, so the result is exact for every label up to that row. After removals the rows may
 * be fewer than a page: the reader then answers from the list (api/first-screen.ts), and the app's
 * renewal fills them.
 */
import type { TokenView } from '../../shared/model';
import type { ChunkRev, RowsPart } from './first-screen-codec';
import { compareTokensByLabel, labelCollation } from './label-order';

/** Rows the record holds: the window's first query asks for 100 (40 shown and a margin). */
export const FIRST_SCREEN_ROWS = 200;

/** Which sort and collation the record's rows are in, and how many it holds. */
export function firstScreenTag(): string {
  return `label/${labelCollation()}/${FIRST_SCREEN_ROWS}`;
}

/** What a write took out of one chunk, as it was, and put in, in the order it happened. */
export interface TokenDelta {
  readonly chunkId: number;
  readonly removed: readonly TokenView[];
  readonly added: readonly TokenView[];
}

/** The rows of a rows part, each with its chunk. */
export type Rows = Pick<RowsPart, 'complete' | 'rows' | 'rowChunks'>;

interface Row {
  readonly view: TokenView;
  readonly chunk: number;
}

/** The rows after each delta in turn (the part is in the label order of this process: the caller checked its tag). */
export function applyTokenDeltas(part: Rows, deltas: readonly TokenDelta[]): Rows {
  const out = rowsOf(part);
  let complete = part.complete;
  for (const delta of deltas) {
    for (const t of delta.removed) {
      const at = out.findIndex((row) => row.view.id === t.id);
      if (at >= 0) out.splice(at, 1);
    }
    for (const t of delta.added) {
      const last = out[out.length - 1];
      if (!complete && (last === undefined || compareTokensByLabel(t, last.view) > 0)) continue;
      out.splice(insertionPoint(out, t), 0, { view: t, chunk: delta.chunkId });
      if (out.length > FIRST_SCREEN_ROWS) {
        out.pop();
        complete = false;
      }
    }
  }
  return partOf(out, complete);
}

/**
 * The chunks whose tokens the rows may no longer describe: on disk at another revision than the
 * part was made from, new since, or gone.
 */
export function staleRowChunks(part: Pick<RowsPart, 'chunks'>, onDisk: readonly ChunkRev[]): Set<number> {
  const made = new Map(part.chunks.map((c) => [c.id, c.rev]));
  const stale = new Set<number>();
  for (const c of onDisk) {
    if (made.get(c.id) !== c.rev) stale.add(c.id);
    made.delete(c.id);
  }
  for (const id of made.keys()) stale.add(id);
  return stale;
}

/**
 * The rows with the `stale` chunks' rows dropped and their tokens as they are now (`tokensOf`,
 * an empty list for a chunk gone) merged in up to the part's last row: exact for every label up to
 * it. Rows that did not hold the whole list and hold none now cannot bound anything: empty.
 */
export function patchRows(
  part: Rows,
  stale: ReadonlySet<number>,
  tokensOf: (chunkId: number) => readonly TokenView[],
): Rows {
  const bound = part.complete ? null : (part.rows[part.rows.length - 1] ?? null);
  if (!part.complete && bound === null) return { complete: false, rows: [], rowChunks: [] };
  const out = rowsOf(part).filter((row) => !stale.has(row.chunk));
  for (const chunk of stale) {
    for (const view of tokensOf(chunk)) {
      if (bound === null || compareTokensByLabel(view, bound) <= 0) out.push({ view, chunk });
    }
  }
  out.sort((a, b) => compareTokensByLabel(a.view, b.view));
  const complete = part.complete && out.length <= FIRST_SCREEN_ROWS;
  return partOf(out.slice(0, FIRST_SCREEN_ROWS), complete);
}

/** Whether the rows are as many as a renewal from the whole list would give. */
export function holdsAllRows(rows: Rows): boolean {
  return rows.complete || rows.rows.length >= FIRST_SCREEN_ROWS;
}

function rowsOf(part: Rows): Row[] {
  return part.rows.map((view, i) => ({ view, chunk: part.rowChunks[i] as number }));
}

function partOf(rows: readonly Row[], complete: boolean): Rows {
  return { complete, rows: rows.map((r) => r.view), rowChunks: rows.map((r) => r.chunk) };
}

function insertionPoint(rows: readonly Row[], t: TokenView): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareTokensByLabel((rows[middle] as Row).view, t) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
