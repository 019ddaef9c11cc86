/**
 * The first-screen record's plaintext (first-screen.ts seals it): what the window shows right
 * after unlock without decrypting the whole token list. It holds what the sidebar counts, grouped
 * by environment and kind (how many are revoked, how many have no expiry, and the others' expiry
 * times, sorted, so the counts at any moment are two binary searches), the first rows of one sort
 * (full views, in the chunk codec), the writer's `tag` (which sort, which collation) and the chunk
 * revisions it was made from, so a reader can tell whether it still describes the list.
 *
 * Layout (little-endian): u8 format | u32 × 5: text bytes, chunks, groups, expiries, row bytes |
 * text (tag, then each group's environment id, NUL-separated) | pad to 8 | f64 × 2 per chunk
 * (id, rev) | f64 per expiry | u32 × 4 per group (kind, revoked, no expiry, expiries) | rows
 * (token-codec.ts).
 */
import { TOKEN_KINDS, type TokenKind, type TokenView } from '../../shared/model';
import { CodecError, decodeTokens, encodeTokens } from './token-codec';

const FORMAT = 1;
const HEADER_BYTES = 21;
const SEP = '\u0000';

/** What the sidebar counts of one token: a TokenView satisfies it. */
export type TokenFacts = Pick<TokenView, 'environmentId' | 'kind' | 'expiresAt' | 'revoked'>;

/** The tokens of one environment and kind, as the sidebar counts them. */
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
  // Environment, then kind: no key string built per token (100k tokens are grouped per renewal).
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

export function encodeFirstScreen(record: FirstScreenRecord): Uint8Array {
  const { tag, chunks, groups } = record;
  if ([tag, ...groups.map((g) => g.environmentId)].some((s) => s.includes(SEP))) throw new CodecError('NUL in an id');
  const text = encoder.encode([tag, ...groups.map((g) => g.environmentId)].join(SEP));
  const rows = encodeTokens(record.rows);
  const expiryCount = groups.reduce((sum, g) => sum + g.expiries.length, 0);
  const numbersAt = align8(HEADER_BYTES + text.length);
  const groupsAt = numbersAt + 16 * chunks.length + 8 * expiryCount;
  const out = new Uint8Array(groupsAt + 16 * groups.length + rows.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, FORMAT);
  [text.length, chunks.length, groups.length, expiryCount, rows.length].forEach((v, i) =>
    view.setUint32(1 + 4 * i, v, true),
  );
  out.set(text, HEADER_BYTES);
  const numbers = new Float64Array(out.buffer, numbersAt, 2 * chunks.length + expiryCount);
  chunks.forEach((c, i) => numbers.set([c.id, c.rev], 2 * i));
  let at = 2 * chunks.length;
  const counts = new Uint32Array(out.buffer, groupsAt, 4 * groups.length);
  groups.forEach((g, i) => {
    numbers.set(g.expiries, at);
    at += g.expiries.length;
    counts.set([TOKEN_KINDS.indexOf(g.kind), g.revoked, g.noExpiry, g.expiries.length], 4 * i);
  });
  out.set(rows, groupsAt + 16 * groups.length);
  rows.fill(0);
  return out;
}

/** Only the head: the tag and the chunk revisions, to tell whether the rest is worth decoding. */
export function decodeFirstScreenHead(data: Uint8Array): { readonly tag: string; readonly chunks: ChunkRev[] } {
  const { textBytes, chunkCount, numbersAt } = layout(data);
  const [tag] = decoder.decode(data.subarray(HEADER_BYTES, HEADER_BYTES + textBytes)).split(SEP, 1);
  const numbers = aligned(data, numbersAt, 2 * chunkCount);
  const chunks: ChunkRev[] = [];
  for (let i = 0; i < chunkCount; i++) chunks.push({ id: numbers[2 * i] as number, rev: numbers[2 * i + 1] as number });
  return { tag: tag ?? '', chunks };
}

export function decodeFirstScreen(data: Uint8Array): FirstScreenRecord {
  const { tag, chunks } = decodeFirstScreenHead(data);
  const { textBytes, chunkCount, groupCount, expiryCount, numbersAt, groupsAt } = layout(data);
  const environmentIds = decoder
    .decode(data.subarray(HEADER_BYTES, HEADER_BYTES + textBytes))
    .split(SEP)
    .slice(1);
  if (environmentIds.length !== groupCount) throw new CodecError('first-screen group count mismatch');
  const expiries = aligned(data, numbersAt + 16 * chunkCount, expiryCount);
  const counts = new Uint32Array(4 * groupCount);
  new Uint8Array(counts.buffer).set(data.subarray(groupsAt, groupsAt + counts.byteLength));
  const groups: FactGroup[] = [];
  let at = 0;
  for (let i = 0; i < groupCount; i++) {
    const kind = TOKEN_KINDS[counts[4 * i] as number];
    const length = counts[4 * i + 3] as number;
    if (kind === undefined || at + length > expiryCount) throw new CodecError('bad first-screen group');
    groups.push({
      environmentId: environmentIds[i] as string,
      kind,
      revoked: counts[4 * i + 1] as number,
      noExpiry: counts[4 * i + 2] as number,
      expiries: expiries.subarray(at, at + length),
    });
    at += length;
  }
  if (at !== expiryCount) throw new CodecError('first-screen expiry count mismatch');
  const rows = decodeTokens(data.subarray(groupsAt + 16 * groupCount));
  return { tag, chunks, groups, rows };
}

interface Layout {
  readonly textBytes: number;
  readonly chunkCount: number;
  readonly groupCount: number;
  readonly expiryCount: number;
  readonly numbersAt: number;
  readonly groupsAt: number;
}

function layout(data: Uint8Array): Layout {
  if (data.length < HEADER_BYTES) throw new CodecError('short first-screen record');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getUint8(0) !== FORMAT) throw new CodecError('unknown first-screen format');
  const [textBytes, chunkCount, groupCount, expiryCount, rowBytes] = [0, 1, 2, 3, 4].map((i) =>
    view.getUint32(1 + 4 * i, true),
  ) as [number, number, number, number, number];
  const numbersAt = align8(HEADER_BYTES + textBytes);
  const groupsAt = numbersAt + 16 * chunkCount + 8 * expiryCount;
  if (data.length !== groupsAt + 16 * groupCount + rowBytes) throw new CodecError('first-screen size mismatch');
  return { textBytes, chunkCount, groupCount, expiryCount, numbersAt, groupsAt };
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
