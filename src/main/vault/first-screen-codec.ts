/**
 * The first-screen record's plaintexts (first-screen.ts seals them): what the window shows right
 * after unlock without decrypting the whole token list, in parts so that a write reseals only what
 * it touched and a stale part is rebuilt from its own chunk.
 *
 * - A **group part** per FIRST_SCREEN_GROUP consecutive token chunks (by chunk id): for each member
 *   chunk, its id, the revision its facts were made from, and what the sidebar counts of its tokens,
 *   grouped by environment and kind (how many are revoked, how many have no expiry, and the others'
 *   expiry times, sorted, so the counts at any moment are two binary searches per group). Members
 *   stay apart, so a stale member is rebuilt alone and the others are used. Layout (little-endian):
 *   u8 format | u32 × 5: text bytes, environments, members, fact groups, expiries | pad to 8 |
 *   f64 × 2 per member (id, rev) | f64 per expiry | u32 per member (its fact groups) | u32 × 5 per
 *   fact group (environment index, kind, revoked, no expiry, expiries) | text (the part's distinct
 *   environment ids, NUL-separated, decoded once per part).
 * - One **rows part**: the first rows of one sort (full views, in the chunk codec), the writer's
 *   `tag` (which sort, which collation), whether they are the whole list, every chunk's revision
 *   they were made from and, per row, the chunk it came from (so a stale chunk's rows can be
 *   dropped and its tokens merged in again). Layout: u8 format | u8 complete | u32 × 4: text bytes,
 *   chunks, rows, row bytes | text (tag) | pad to 8 | f64 × 2 per chunk (id, rev) | f64 per row
 *   (its chunk) | rows (token-codec.ts).
 */
import { TOKEN_KINDS, type TokenKind, type TokenView } from '../../shared/model';
import { CodecError, decodeTokens, encodeTokens, type ChunkColumns } from './token-codec';

const GROUP_FORMAT = 3;
/** u8 format, u32 × 5, padded to 8. */
const GROUP_HEADER_BYTES = 24;
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

/**
 * groupFacts of a chunk's columns (no view per token): the same groups, in the same order. Kinds
 * are indexes here, so each environment's groups sit in an array by kind instead of a map.
 */
export function groupFactsOfColumns(columns: ChunkColumns): FactGroup[] {
  const { environmentIds, kinds, expiresAt, revoked } = columns;
  const byEnvironment = new Map<string, (GroupBuilder | undefined)[]>();
  const groups: GroupBuilder[] = [];
  for (let i = 0; i < columns.count; i++) {
    const environmentId = environmentIds[i] as string;
    const kind = kinds[i] as number;
    let ofKind = byEnvironment.get(environmentId);
    if (ofKind === undefined) byEnvironment.set(environmentId, (ofKind = []));
    let group = ofKind[kind];
    if (group === undefined) {
      group = { environmentId, kind: TOKEN_KINDS[kind] as TokenKind, revoked: 0, noExpiry: 0, expiries: [] };
      ofKind[kind] = group;
      groups.push(group);
    }
    const expiry = expiresAt[i] as number;
    if (revoked[i] === 1) group.revoked += 1;
    else if (Number.isNaN(expiry)) group.noExpiry += 1;
    else group.expiries.push(expiry);
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

/** The group a chunk's facts are sealed in: FIRST_SCREEN_GROUP consecutive chunk ids per group. */
export const FIRST_SCREEN_GROUP = 16;

export const groupOfChunk = (chunkId: number): number => Math.floor(chunkId / FIRST_SCREEN_GROUP);

/** One member chunk of a group part: its facts as they were at `rev`. */
export interface MemberPart {
  readonly id: number;
  readonly rev: number;
  readonly groups: readonly FactGroup[];
}

export function encodeGroupPart(members: readonly MemberPart[]): Uint8Array {
  const envIndex = new Map<string, number>();
  let factCount = 0;
  let expiryCount = 0;
  for (const m of members) {
    for (const g of m.groups) {
      if (g.environmentId.includes(SEP)) throw new CodecError('NUL in an id');
      if (!envIndex.has(g.environmentId)) envIndex.set(g.environmentId, envIndex.size);
      factCount += 1;
      expiryCount += g.expiries.length;
    }
  }
  const text = encoder.encode([...envIndex.keys()].join(SEP));
  const numbersAt = GROUP_HEADER_BYTES;
  const countsAt = numbersAt + 8 * (2 * members.length + expiryCount);
  const textAt = countsAt + 4 * (members.length + 5 * factCount);
  const out = new Uint8Array(textAt + text.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, GROUP_FORMAT);
  [text.length, envIndex.size, members.length, factCount, expiryCount].forEach((v, i) =>
    view.setUint32(1 + 4 * i, v, true),
  );
  const numbers = new Float64Array(out.buffer, numbersAt, 2 * members.length + expiryCount);
  const counts = new Uint32Array(out.buffer, countsAt, members.length + 5 * factCount);
  let expiryAt = 2 * members.length;
  let factAt = members.length;
  members.forEach((m, i) => {
    numbers[2 * i] = m.id;
    numbers[2 * i + 1] = m.rev;
    counts[i] = m.groups.length;
    for (const g of m.groups) {
      numbers.set(g.expiries, expiryAt);
      expiryAt += g.expiries.length;
      counts.set(
        [
          envIndex.get(g.environmentId) as number,
          TOKEN_KINDS.indexOf(g.kind),
          g.revoked,
          g.noExpiry,
          g.expiries.length,
        ],
        factAt,
      );
      factAt += 5;
    }
  });
  out.set(text, textAt);
  return out;
}

/**
 * The members of a group part. One copy of the numbers and of the counts, one decode of the
 * environment ids for the whole part; each member's expiries are views into the one copy.
 */
export function decodeGroupPart(data: Uint8Array): MemberPart[] {
  if (data.length < GROUP_HEADER_BYTES || data[0] !== GROUP_FORMAT) throw new CodecError('unknown first-screen part');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const [textBytes, envCount, memberCount, factCount, expiryCount] = [0, 1, 2, 3, 4].map((i) =>
    view.getUint32(1 + 4 * i, true),
  ) as [number, number, number, number, number];
  const countsAt = GROUP_HEADER_BYTES + 8 * (2 * memberCount + expiryCount);
  const textAt = countsAt + 4 * (memberCount + 5 * factCount);
  if (data.length !== textAt + textBytes) throw new CodecError('first-screen part size mismatch');
  const envs = envCount === 0 ? [] : decoder.decode(data.subarray(textAt)).split(SEP);
  if (envs.length !== envCount) throw new CodecError('first-screen environment count mismatch');
  const numbers = aligned(data, GROUP_HEADER_BYTES, 2 * memberCount + expiryCount);
  const counts = new Uint32Array(memberCount + 5 * factCount);
  new Uint8Array(counts.buffer).set(data.subarray(countsAt, textAt));
  const members: MemberPart[] = [];
  let expiryAt = 2 * memberCount;
  let factAt = memberCount;
  for (let i = 0; i < memberCount; i++) {
    const n = counts[i] as number;
    if (factAt + 5 * n > counts.length) throw new CodecError('bad first-screen member');
    const groups: FactGroup[] = [];
    for (let j = 0; j < n; j++, factAt += 5) {
      const environmentId = envs[counts[factAt] as number];
      const kind = TOKEN_KINDS[counts[factAt + 1] as number];
      const length = counts[factAt + 4] as number;
      if (environmentId === undefined || kind === undefined || expiryAt + length > numbers.length) {
        throw new CodecError('bad first-screen group');
      }
      const expiries = numbers.subarray(expiryAt, expiryAt + length);
      expiryAt += length;
      groups.push({
        environmentId,
        kind,
        revoked: counts[factAt + 2] as number,
        noExpiry: counts[factAt + 3] as number,
        expiries,
      });
    }
    members.push({ id: numbers[2 * i] as number, rev: numbers[2 * i + 1] as number, groups });
  }
  if (factAt !== counts.length || expiryAt !== numbers.length) throw new CodecError('first-screen count mismatch');
  return members;
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
