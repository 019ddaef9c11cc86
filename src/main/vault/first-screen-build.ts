/**
 * The first-screen record worked out from the chunks themselves when no stored part can give it
 * (a vault never renewed, parts deleted or damaged, chunks written outside the record), without a
 * view per token: each chunk is read as columns (token-codec.ts `decodeChunkColumns`), its facts
 * counted from them, and the first rows of the label order selected with a bounded heap over
 * (chunk, index) positions; only tokens the heap keeps become views. At 100k tokens building every
 * view, and collecting them, was most of the time of a full decode (bench/README.md); so was
 * keeping every chunk's columns alive until the selection ended (the collector then copies them),
 * so each chunk is read, counted and offered to the heap in its turn and dropped. The list is
 * decrypted afterwards in slices, as after a record read from its parts.
 */
import { TOKEN_KINDS, type TokenView } from '../../shared/model';
import { FIRST_SCREEN_ROWS, type Rows } from './first-screen-delta';
import { FirstOf } from './first-rows';
import { compareLabels, compareTokensByLabel } from './label-order';
import type { ChunkColumns } from './token-codec';

/** Views already in memory (a chunk the cache holds at the revision on disk), read as columns. */
export function columnsOfViews(views: readonly TokenView[]): ChunkColumns {
  return {
    count: views.length,
    labels: views.map((t) => t.label),
    environmentIds: views.map((t) => t.environmentId),
    kinds: Uint8Array.from(views, (t) => TOKEN_KINDS.indexOf(t.kind)),
    expiresAt: Float64Array.from(views, (t) => t.expiresAt ?? Number.NaN),
    createdAt: Float64Array.from(views, (t) => t.createdAt),
    revoked: Uint8Array.from(views, (t) => (t.revoked ? 1 : 0)),
    idAt: (i) => (views[i] as TokenView).id,
    tokenAt: (i) => views[i] as TokenView,
  };
}

/** One selected row and the chunk it came from. */
export interface ChunkRow {
  readonly view: TokenView;
  readonly chunk: number;
}

/**
 * The first `count` tokens of the label order among those that sort up to `bound` (every token
 * when null), fed one chunk at a time so no chunk's columns outlive its turn: a token becomes a view
 * only when it sorts before the largest row kept so far (with random labels, a few times `count`
 * in all). The order is compareTokensByLabel's (label by compareLabels, then age, then id): a total
 * order, so the rows are exactly those a sort of the whole list puts first.
 */
export class LabelOrderSelection {
  private readonly first: FirstOf<ChunkRow>;
  /** Tokens seen that sort up to the bound. */
  seen = 0;

  constructor(
    private readonly count: number,
    private readonly bound: TokenView | null,
  ) {
    this.first = new FirstOf(count, (a, b) => compareTokensByLabel(a.view, b.view));
  }

  add(chunk: number, columns: ChunkColumns): void {
    const { labels, createdAt } = columns;
    /** Token i of this chunk against `t`, in compareTokensByLabel's order. */
    const against = (i: number, t: TokenView): number =>
      compareLabels(labels[i] as string, t.label) ||
      (createdAt[i] as number) - t.createdAt ||
      compareIds(columns.idAt(i), t.id);
    for (let i = 0; i < columns.count; i++) {
      if (this.bound !== null && against(i, this.bound) > 0) continue;
      this.seen += 1;
      if (this.count === 0) continue;
      const largest = this.first.largest;
      if (largest !== undefined && against(i, largest.view) >= 0) continue;
      this.first.offer({ view: columns.tokenAt(i), chunk });
    }
  }

  /** The rows kept, in the label order. */
  rows(): ChunkRow[] {
    return this.first.sorted();
  }
}

/** The first `count` of the chunks' tokens up to `bound` in the label order (LabelOrderSelection over all of them). */
export function firstByLabel(
  chunks: ReadonlyMap<number, ChunkColumns>,
  count: number,
  bound: TokenView | null,
): ChunkRow[] {
  const selection = new LabelOrderSelection(count, bound);
  for (const [id, columns] of chunks) selection.add(id, columns);
  return selection.rows();
}

/** The rows a rows part would hold when `selection` (FIRST_SCREEN_ROWS, no bound) was fed every chunk on disk. */
export function rowsOfSelection(selection: LabelOrderSelection): Rows {
  const rows = selection.rows();
  return {
    complete: selection.seen <= FIRST_SCREEN_ROWS,
    rows: rows.map((r) => r.view),
    rowChunks: rows.map((r) => r.chunk),
  };
}

/**
 * What patchRows needs of the stale chunks to give what it gives from all their tokens: those that
 * sort up to the rows' last one (all when the rows were the whole list), at most one more than the
 * rows hold (so patchRows still sees when they no longer are the whole list). Any other token would
 * fall past the last row.
 */
export function patchSelection(bound: TokenView | null): LabelOrderSelection {
  return new LabelOrderSelection(FIRST_SCREEN_ROWS + 1, bound);
}

/** The selected rows by chunk, as patchRows asks for them. */
export function rowsByChunk(selection: LabelOrderSelection): Map<number, TokenView[]> {
  const byChunk = new Map<number, TokenView[]>();
  for (const { view, chunk } of selection.rows()) {
    const into = byChunk.get(chunk) ?? [];
    into.push(view);
    byChunk.set(chunk, into);
  }
  return byChunk;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
