/**
 * The first-screen record worked out from the chunks themselves when no stored part can give it
 * (a vault never renewed, parts deleted or damaged, chunks written outside the record), without a
 * view per token: each chunk is read as columns (token-codec.ts `decodeChunkColumns`), its facts
 * counted from them, and the first rows of the label order selected with a bounded heap over
 * (chunk, index) positions; only the rows selected become views. At 100k tokens building every
 * view (and collecting them) was most of the time of a full decode (bench/README.md). The columns
 * live only while the record is built: the caller drops them, and the list is decrypted afterwards
 * in slices, as after a record read from its parts.
 */
import { TOKEN_KINDS, type TokenView } from '../../shared/model';
import { FIRST_SCREEN_ROWS, type Rows } from './first-screen-delta';
import { selectFirst } from './first-rows';
import { compareLabels } from './label-order';
import type { ChunkColumns } from './token-codec';

/** Views already in memory (a chunk the cache holds at the revision on disk), read as columns. */
export function columnsOfViews(views: readonly TokenView[]): ChunkColumns {
  return {
    count: views.length,
    ids: views.map((t) => t.id),
    labels: views.map((t) => t.label),
    environmentIds: views.map((t) => t.environmentId),
    kinds: Uint8Array.from(views, (t) => TOKEN_KINDS.indexOf(t.kind)),
    expiresAt: Float64Array.from(views, (t) => t.expiresAt ?? Number.NaN),
    createdAt: Float64Array.from(views, (t) => t.createdAt),
    revoked: Uint8Array.from(views, (t) => (t.revoked ? 1 : 0)),
    tokenAt: (i) => views[i] as TokenView,
  };
}

/** One selected row and the chunk it came from. */
export interface ChunkRow {
  readonly view: TokenView;
  readonly chunk: number;
}

/**
 * The first `count` tokens of the label order among the chunks' tokens that sort up to `bound`
 * (every token when null), in that order, each with its chunk. The order is compareTokensByLabel's
 * (label by compareLabels, then age, then id): a total order, so the rows are exactly those a sort
 * of the whole list puts first. Only the rows returned are made into views.
 */
export function firstByLabel(
  chunks: ReadonlyMap<number, ChunkColumns>,
  count: number,
  bound: TokenView | null,
): ChunkRow[] {
  let total = 0;
  for (const columns of chunks.values()) total += columns.count;
  const labels = new Array<string>(total);
  const ids = new Array<string>(total);
  const created = new Float64Array(total);
  const chunkAt = new Int32Array(total);
  const indexAt = new Int32Array(total);
  const sources: { id: number; columns: ChunkColumns }[] = [];
  let at = 0;
  for (const [id, columns] of chunks) {
    for (let i = 0; i < columns.count; i++, at++) {
      labels[at] = columns.labels[i] as string;
      ids[at] = columns.ids[i] as string;
      created[at] = columns.createdAt[i] as number;
      chunkAt[at] = sources.length;
      indexAt[at] = i;
    }
    sources.push({ id, columns });
  }
  const compare = (a: number, b: number): number =>
    compareLabels(labels[a] as string, labels[b] as string) ||
    (created[a] as number) - (created[b] as number) ||
    compareIds(ids[a] as string, ids[b] as string);
  let positions = Int32Array.from({ length: total }, (_, p) => p);
  if (bound !== null) {
    const upToBound = (p: number): boolean =>
      (compareLabels(labels[p] as string, bound.label) ||
        (created[p] as number) - bound.createdAt ||
        compareIds(ids[p] as string, bound.id)) <= 0;
    positions = positions.filter(upToBound);
  }
  return Array.from(selectFirst(positions, count, compare), (p) => {
    const source = sources[chunkAt[p] as number] as { id: number; columns: ChunkColumns };
    return { view: source.columns.tokenAt(indexAt[p] as number), chunk: source.id };
  });
}

/** The rows a rows part would hold for these chunks (every chunk on disk): the first FIRST_SCREEN_ROWS by label. */
export function rowsOfChunks(chunks: ReadonlyMap<number, ChunkColumns>): Rows {
  let total = 0;
  for (const columns of chunks.values()) total += columns.count;
  const rows = firstByLabel(chunks, FIRST_SCREEN_ROWS, null);
  return { complete: total <= FIRST_SCREEN_ROWS, rows: rows.map((r) => r.view), rowChunks: rows.map((r) => r.chunk) };
}

/**
 * What patchRows needs of the stale chunks to give what it gives from all their tokens: those that
 * sort up to `bound`, at most one more than the rows hold (so patchRows still sees when they no
 * longer are the whole list), by chunk. Any other token would fall past the last row.
 */
export function patchCandidates(
  stale: ReadonlyMap<number, ChunkColumns>,
  bound: TokenView | null,
): Map<number, TokenView[]> {
  const byChunk = new Map<number, TokenView[]>();
  for (const { view, chunk } of firstByLabel(stale, FIRST_SCREEN_ROWS + 1, bound)) {
    const into = byChunk.get(chunk) ?? [];
    into.push(view);
    byChunk.set(chunk, into);
  }
  return byChunk;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
