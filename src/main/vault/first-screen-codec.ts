/**
 * The first-screen record's plaintexts (first-screen.ts seals them): what the window shows right
 * after unlock without decrypting the whole token list, in parts so that a write reseals only what
 * it touched and a stale part is rebuilt from its own chunk.
 *
 * - A **chunk part** per token chunk: the chunk's revision it was made from and what the sidebar
 *   counts of the chunk's tokens, grouped by environment and kind (how many are revoked, how many
 *   have no expiry, and the others' expiry times, sorted, so the counts at any moment are two binary
 *   searches per group). Layout (little-endian): u8 format | u32 × 3: text bytes, groups, expiries |
 *   f64 rev | text (each group's environment id, NUL-separated) | pad to 8 | f64 per expiry |
 *   u32 × 4 per group (kind, revoked, no expiry, expiries).
 * - One **rows part**: the first rows of one sort (full views, in the chunk codec), the writer's
 *   `tag` (which sort, which collation), whether they are the whole list, every chunk's revision
 *   they were made from and, per row, the chunk it came from (so a stale chunk's rows can be
 *   dropped and its tokens merged in again). Layout: u8 format | u8 complete | u32 × 4: text bytes,
 *   chunks, rows, row bytes | text (tag) | pad to 8 | f64 × 2 per chunk (id, rev) | f64 per row
 *   (its chunk) | rows (token-codec.ts).
 */
import { TOKEN_KINDS, type TokenKind, type TokenView } from '../../shared/model';
import { CodecError, decodeTokens, encodeTokens } from './token-codec';

const PART_FORMAT = 2;
const PART_HEADER_BYTES = 21;
const ROWS_FORMAT = 2;
const ROWS_HEADER_BYTES = 18;
const SEP = '\u0000';

/** What the sidebar counts of one token: a TokenView satisfies it. */
export type TokenFacts = Pick<TokenView, 'environmentId' | 'kind' | 'expiresAt' | 'revoked'>;

/** The tokens of one environment and kind (in one chunk, or in several), as the sidebar counts them. */
export interface FactGroup {
  readonly environmentId: string;
  readonly kind: TokenKind;
  readonly revoked: number;
  /** Live tokens without an expiry. */
  readonly noExpiry: number;
  /** The live tokens' expiry times, ascending. */
  readonly expiries: Float64Array;
}

/** A chunk's id and revision: a write to the chunk moves its revision. */
export interface ChunkRev {
  readonly id: number;
  readonly rev: number;
}

/** One chunk's part: its facts as they were at `rev`. */
export interface ChunkPart {
  readonly rev: number;
  readonly groups: readonly FactGroup[];
}

/** The rows part: the first rows of the tag's sort over the chunks at `chunks`. */
export interface RowsPart {
  readonly tag: string;
  /** The rows are the whole list (it held no more than the rows kept). */
  readonly complete: boolean;
  readonly chunks: readonly ChunkRev[];
  /** Per row, the chunk it came from. */
  readonly rowChunks: readonly number[];
  readonly rows: readonly TokenView[];
}

/**
 * What the window's first screen is answered from, assembled from the parts: the groups of every
 * chunk (one (environment, kind) may appear once per chunk: readers add them up), the first rows
 * (empty when none could be given exactly) and the chunk revisions it describes.
 */
export interface FirstScreenRecord {
  readonly tag: string;
  readonly chunks: readonly ChunkRev[];
  readonly groups: readonly FactGroup[];
  readonly rows: readonly TokenView[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

interface GroupBuilder {
  readonly environmentId: string;
  readonly kind: TokenKind;
  revoked: number;
  noExpiry: number;
  readonly expiries: number[];
}

/** The tokens grouped by environment and kind, in the order each group first appears. */
export function groupFacts(tokens: readonly TokenFacts[]): FactGroup[] {
  const byEnvironment = new Map<string, Map<TokenKind, GroupBuilder>>();
  const groups: GroupBuilder[] = [];
  for (const t of tokens) {
    let kinds = byEnvironment.get(t.environmentId);
    if (kinds === undefined) byEnvironment.set(t.environmentId, (kinds = new Map()));
    let group = kinds.get(t.kind);
    if (group === undefined) {
      group = { environmentId: t.environmentId, kind: t.kind, revoked: 0, noExpiry: 0, expiries: [] };
      kinds.set(t.kind, group);
      groups.push(group);
    }
    if (t.revoked) group.revoked += 1;
    else if (t.expiresAt === null) group.noExpiry += 1;
    else group.expiries.push(t.expiresAt);
  }
  return groups.map((g) => ({ ...g, expiries: Float64Array.from(g.expiries).sort() }));
}

/** Groups of the same environment and kind added up into one (tests and checks; readers add counts). */
export function mergeGroups(groups: readonly FactGroup[]): FactGroup[] {
  const merged = new Map<
    string,
    { environmentId: string; kind: TokenKind; revoked: number; noExpiry: number; expiries: number[] }
  >();
  for (const g of groups) {
    const key = `${g.kind}${SEP}${g.environmentId}`;
    const into = merged.get(key) ?? {
      environmentId: g.environmentId,
      kind: g.kind,
      revoked: 0,
      noExpiry: 0,
      expiries: [],
    };
    into.revoked += g.revoked;
    into.noExpiry += g.noExpiry;
    into.expiries.push(...g.expiries);
    merged.set(key, into);
  }
  return [...merged.values()].map((g) => ({ ...g, expiries: Float64Array.from(g.expiries).sort() }));
}

export function encodeChunkPart(part: ChunkPart): Uint8Array {
  const { groups } = part;
  const ids = groups.map((g) => g.environmentId);
  if (ids.some((s) => s.includes(SEP))) throw new CodecError('NUL in an id');
  const text = encoder.encode(ids.join(SEP));
  const expiryCount = groups.reduce((sum, g) => sum + g.expiries.length, 0);
  const numbersAt = align8(PART_HEADER_BYTES + text.length);
  const groupsAt = numbersAt + 8 * expiryCount;
  const out = new Uint8Array(groupsAt + 16 * groups.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, PART_FORMAT);
  [text.length, groups.length, expiryCount].forEach((v, i) => view.setUint32(1 + 4 * i, v, true));
  view.setFloat64(13, part.rev, true);
  out.set(text, PART_HEADER_BYTES);
  const expiries = new Float64Array(out.buffer, numbersAt, expiryCount);
  const counts = new Uint32Array(out.buffer, groupsAt, 4 * groups.length);
  let at = 0;
  groups.forEach((g, i) => {
    expiries.set(g.expiries, at);
    at += g.expiries.length;
    counts.set([TOKEN_KINDS.indexOf(g.kind), g.revoked, g.noExpiry, g.expiries.length], 4 * i);
  });
  return out;
}

/** Only the revision, to tell whether the rest is worth decoding. */
export function decodeChunkPartRev(data: Uint8Array): number {
  if (data.length < PART_HEADER_BYTES || data[0] !== PART_FORMAT) throw new CodecError('unknown first-screen part');
  return new DataView(data.buffer, data.byteOffset, data.byteLength).getFloat64(13, true);
}

export function decodeChunkPart(data: Uint8Array): ChunkPart {
  const rev = decodeChunkPartRev(data);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const [textBytes, groupCount, expiryCount] = [0, 1, 2].map((i) => view.getUint32(1 + 4 * i, true)) as [
    number,
    number,
    number,
  ];
  const numbersAt = align8(PART_HEADER_BYTES + textBytes);
  const groupsAt = numbersAt + 8 * expiryCount;
  if (data.length !== groupsAt + 16 * groupCount) throw new CodecError('first-screen part size mismatch');
  const ids =
    groupCount === 0 ? [] : decoder.decode(data.subarray(PART_HEADER_BYTES, PART_HEADER_BYTES + textBytes)).split(SEP);
  if (ids.length !== groupCount) throw new CodecError('first-screen group count mismatch');
  const expiries = aligned(data, numbersAt, expiryCount);
  const counts = new Uint32Array(4 * groupCount);
  new Uint8Array(counts.buffer).set(data.subarray(groupsAt, groupsAt + counts.byteLength));
  const groups: FactGroup[] = [];
  let at = 0;
  for (let i = 0; i < groupCount; i++) {
    const kind = TOKEN_KINDS[counts[4 * i] as number];
    const length = counts[4 * i + 3] as number;
    if (kind === undefined || at + length > expiryCount) throw new CodecError('bad first-screen group');
    groups.push({
      environmentId: ids[i] as string,
      kind,
      revoked: counts[4 * i + 1] as number,
      noExpiry: counts[4 * i + 2] as number,
      expiries: expiries.subarray(at, at + length),
    });
    at += length;
  }
  if (at !== expiryCount) throw new CodecError('first-screen expiry count mismatch');
  return { rev, groups };
}

export function encodeRowsPart(part: RowsPart): Uint8Array {
  const { tag, chunks, rowChunks } = part;
  if (tag.includes(SEP)) throw new CodecError('NUL in a tag');
  if (rowChunks.length !== part.rows.length) throw new CodecError('a row without its chunk');
  const text = encoder.encode(tag);
  const rows = encodeTokens(part.rows);
  const numbersAt = align8(ROWS_HEADER_BYTES + text.length);
  const rowsAt = numbersAt + 16 * chunks.length + 8 * rowChunks.length;
  const out = new Uint8Array(rowsAt + rows.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, ROWS_FORMAT);
  view.setUint8(1, part.complete ? 1 : 0);
  [text.length, chunks.length, rowChunks.length, rows.length].forEach((v, i) => view.setUint32(2 + 4 * i, v, true));
  out.set(text, ROWS_HEADER_BYTES);
  const numbers = new Float64Array(out.buffer, numbersAt, 2 * chunks.length + rowChunks.length);
  chunks.forEach((c, i) => numbers.set([c.id, c.rev], 2 * i));
  numbers.set(rowChunks, 2 * chunks.length);
  out.set(rows, rowsAt);
  rows.fill(0);
  return out;
}

export function decodeRowsPart(data: Uint8Array): RowsPart {
  if (data.length < ROWS_HEADER_BYTES || data[0] !== ROWS_FORMAT) throw new CodecError('unknown first-screen rows');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const [textBytes, chunkCount, rowCount, rowBytes] = [0, 1, 2, 3].map((i) => view.getUint32(2 + 4 * i, true)) as [
    number,
    number,
    number,
    number,
  ];
  const numbersAt = align8(ROWS_HEADER_BYTES + textBytes);
  const rowsAt = numbersAt + 16 * chunkCount + 8 * rowCount;
  if (data.length !== rowsAt + rowBytes) throw new CodecError('first-screen rows size mismatch');
  const tag = decoder.decode(data.subarray(ROWS_HEADER_BYTES, ROWS_HEADER_BYTES + textBytes));
  const numbers = aligned(data, numbersAt, 2 * chunkCount + rowCount);
  const chunks: ChunkRev[] = [];
  for (let i = 0; i < chunkCount; i++) chunks.push({ id: numbers[2 * i] as number, rev: numbers[2 * i + 1] as number });
  const rows = decodeTokens(data.subarray(rowsAt));
  if (rows.length !== rowCount) throw new CodecError('first-screen row count mismatch');
  const rowChunks = Array.from(numbers.subarray(2 * chunkCount));
  return { tag, complete: view.getUint8(1) === 1, chunks, rowChunks, rows };
}

/** `count` doubles from `at`, copied into an aligned buffer (`data` may sit at any offset). */
function aligned(data: Uint8Array, at: number, count: number): Float64Array {
  const out = new Float64Array(count);
  new Uint8Array(out.buffer).set(data.subarray(at, at + 8 * count));
  return out;
}

function align8(offset: number): number {
  return (offset + 7) & ~7;
}
