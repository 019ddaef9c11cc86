/**
 * A compact columnar encoding of token metadata for one chunk. Unlock decodes hundreds of
 * chunks, so decoding is one native UTF-8 decode, one `split` and typed-array reads — no JSON.
 *
 * Layout (little-endian): u8 format | u32 count | u32 stringBytes | strings | pad to 8 |
 * f64 × 5 columns (NaN = null) | u8 × 4 columns (kind, provider, expiry source, flags).
 * Strings are column-major, separated by NUL (names and notes never contain NUL: validation
 * refuses control characters in names and NUL in notes). Enum columns store the index in the
 * arrays of src/shared/model.ts, which are append-only for that reason.
 */
import { EXPIRY_SOURCES, PROVIDER_IDS, TOKEN_KINDS, type RotationPolicy, type TokenView } from '../../shared/model';

const FORMAT = 1;
const HEADER_BYTES = 9;
const STRING_COLUMNS = 8;
const NUMBER_COLUMNS = 5;
const BYTE_COLUMNS = 4;
const SEP = '\u0000';
/** Separates the tags of one token inside the tags column. */
export const TAG_SEP = '\u001f';
const NO_SOURCE = 255;
const NO_TAGS: readonly string[] = Object.freeze([]);
const FLAG_REVOKED = 1;
const FLAG_NO_CONNECTION = 2;
const FLAG_NO_KEY_ID = 4;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Where decoded values many tokens share are pooled (see token-intern.ts). */
export interface ValuePool {
  id(value: string): string;
  tags(joined: string): readonly string[];
  policy(json: string): RotationPolicy;
}

/** No sharing: every token gets its own values (write paths, tests). */
const UNPOOLED: ValuePool = {
  id: (value) => value,
  tags: (joined) => joined.split(TAG_SEP),
  policy: (json) => JSON.parse(json) as RotationPolicy,
};

export class CodecError extends Error {}

function noNul(value: string): string {
  if (value.includes(SEP)) throw new CodecError('NUL in token metadata');
  return value;
}

export function encodeTokens(tokens: readonly TokenView[]): Uint8Array {
  const n = tokens.length;
  const columns: string[][] = Array.from({ length: STRING_COLUMNS }, () => new Array<string>(n));
  const numbers = new Float64Array(NUMBER_COLUMNS * n);
  const bytes = new Uint8Array(BYTE_COLUMNS * n);
  tokens.forEach((t, i) => {
    const strings = [
      t.id,
      t.tenantId,
      t.environmentId,
      t.label,
      t.connectionId ?? '',
      t.providerKeyId ?? '',
      t.rotationPolicy ? JSON.stringify(t.rotationPolicy) : '',
      t.tags.join(TAG_SEP),
    ];
    strings.forEach((value, c) => ((columns[c] as string[])[i] = noNul(value)));
    const times = [t.expiresAt, t.lastVerifiedAt, t.lastUsedAt, t.createdAt, t.updatedAt];
    times.forEach((value, c) => (numbers[c * n + i] = value ?? Number.NaN));
    bytes[i] = TOKEN_KINDS.indexOf(t.kind);
    bytes[n + i] = PROVIDER_IDS.indexOf(t.provider);
    bytes[2 * n + i] = t.expirySource === null ? NO_SOURCE : EXPIRY_SOURCES.indexOf(t.expirySource);
    bytes[3 * n + i] =
      (t.revoked ? FLAG_REVOKED : 0) |
      (t.connectionId === null ? FLAG_NO_CONNECTION : 0) |
      (t.providerKeyId === null ? FLAG_NO_KEY_ID : 0);
  });
  // Notes go last and apart: they are free text and the only column that may be long.
  const notes = tokens.map((t) => noNul(t.notes));
  const text = encoder.encode([...columns.flat(), ...notes].join(SEP));
  const numbersAt = align8(HEADER_BYTES + text.length);
  const out = new Uint8Array(numbersAt + numbers.byteLength + bytes.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, FORMAT);
  view.setUint32(1, n, true);
  view.setUint32(5, text.length, true);
  out.set(text, HEADER_BYTES);
  out.set(new Uint8Array(numbers.buffer), numbersAt);
  out.set(bytes, numbersAt + numbers.byteLength);
  return out;
}

export function decodeTokens(data: Uint8Array, pool: ValuePool = UNPOOLED): TokenView[] {
  const { n, strings, numbers, bytes } = readChunk(data);
  const out = new Array<TokenView>(n);
  for (let i = 0; i < n; i++) out[i] = tokenAt(strings, numbers, bytes, n, i, pool);
  return out;
}

/**
 * One chunk's columns without a view per token: what the first-screen pass reads when it has to
 * work the record out from the chunks (vault/first-screen-build.ts). Building 100k views and
 * collecting them was most of a full decode's time (bench/README.md); so, for a pass that needs
 * two strings a token, was splitting out all nine.
 */
export interface ChunkColumns {
  readonly count: number;
  readonly labels: readonly string[];
  readonly environmentIds: readonly string[];
  /** Indexes into TOKEN_KINDS, checked. */
  readonly kinds: Uint8Array;
  /** NaN: no expiry. */
  readonly expiresAt: Float64Array;
  /** As the views have it (0 where none was stored). */
  readonly createdAt: Float64Array;
  /** 1 where the token is revoked. */
  readonly revoked: Uint8Array;
  /** The id of the token at `i` (made when asked: the label order needs it only for ties). */
  idAt(i: number): string;
  /** The token at `i`, equal to what decodeTokens gives at `i`. */
  tokenAt(i: number): TokenView;
}

/**
 * A chunk's columns, refused exactly as decodeTokens refuses it (sizes, UTF-8, the string count
 * `split` would give, enum values, rotation-policy JSON): the same data decodes both ways or
 * neither. The text is decoded once and its separators found; only the label and environment
 * strings are cut out, the others when a token is asked for.
 */
export function decodeChunkColumns(data: Uint8Array): ChunkColumns {
  const { n, text, numbers, bytes } = readLayout(data);
  // Where each string ends, column by column, as split would cut them; the same count check.
  const ends = new Int32Array((STRING_COLUMNS + 1) * n);
  let from = 0;
  for (let k = 0; k < ends.length - 1; k++) {
    const at = text.indexOf(SEP, from);
    if (at < 0) throw new CodecError('chunk string count mismatch');
    ends[k] = at;
    from = at + 1;
  }
  if (n > 0) {
    if (text.indexOf(SEP, from) >= 0) throw new CodecError('chunk string count mismatch');
    ends[ends.length - 1] = text.length;
  }
  const stringAt = (k: number): string => text.slice(k === 0 ? 0 : (ends[k - 1] as number) + 1, ends[k]);
  const policies = new Set<string>();
  const labels = new Array<string>(n);
  const environmentIds = new Array<string>(n);
  const createdAt = new Float64Array(n);
  const revoked = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    enumAt(TOKEN_KINDS, bytes[i]);
    enumAt(PROVIDER_IDS, bytes[n + i]);
    if (bytes[2 * n + i] !== NO_SOURCE) enumAt(EXPIRY_SOURCES, bytes[2 * n + i]);
    // decodeTokens parses every policy; whether JSON.parse throws depends on the text alone.
    if (ends[6 * n + i] !== (ends[6 * n + i - 1] as number) + 1) {
      const policy = stringAt(6 * n + i);
      if (!policies.has(policy)) {
        JSON.parse(policy);
        policies.add(policy);
      }
    }
    environmentIds[i] = stringAt(2 * n + i);
    labels[i] = stringAt(3 * n + i);
    const at = numbers[3 * n + i] as number;
    createdAt[i] = Number.isNaN(at) ? 0 : at;
    revoked[i] = (bytes[3 * n + i] as number) & FLAG_REVOKED;
  }
  // A copy: the caller zeroes the plaintext (a Node Buffer's slice() would share it).
  const own = new Uint8Array(bytes);
  const tokenAtIndex = (i: number): TokenView => {
    // One token's strings, numbers and bytes, decoded as decodeTokens decodes a chunk of one.
    const strings = Array.from({ length: STRING_COLUMNS + 1 }, (_, c) => stringAt(c * n + i));
    const times = Float64Array.from({ length: NUMBER_COLUMNS }, (_, c) => numbers[c * n + i] as number);
    const flags = Uint8Array.from({ length: BYTE_COLUMNS }, (_, c) => own[c * n + i] as number);
    return tokenAt(strings, times, flags, 1, 0, UNPOOLED);
  };
  return {
    count: n,
    labels,
    environmentIds,
    kinds: own.subarray(0, n),
    expiresAt: numbers.subarray(0, n),
    createdAt,
    revoked,
    idAt: stringAt,
    tokenAt: tokenAtIndex,
  };
}

/** The header checked, the strings split, the numbers copied aligned; `bytes` is a view into `data`. */
function readChunk(data: Uint8Array): { n: number; strings: string[]; numbers: Float64Array; bytes: Uint8Array } {
  const { n, text, numbers, bytes } = readLayout(data);
  const strings = n === 0 ? [] : text.split(SEP);
  if (strings.length !== (STRING_COLUMNS + 1) * n) throw new CodecError('chunk string count mismatch');
  return { n, strings, numbers, bytes };
}

/** The header and size checked, the text decoded (none for no tokens), the numbers copied aligned; `bytes` is a view into `data`. */
function readLayout(data: Uint8Array): { n: number; text: string; numbers: Float64Array; bytes: Uint8Array } {
  if (data.length < HEADER_BYTES) throw new CodecError('short chunk');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getUint8(0) !== FORMAT) throw new CodecError('unknown chunk format');
  const n = view.getUint32(1, true);
  const textBytes = view.getUint32(5, true);
  const numbersAt = align8(HEADER_BYTES + textBytes);
  const bytesAt = numbersAt + NUMBER_COLUMNS * 8 * n;
  if (data.length !== bytesAt + BYTE_COLUMNS * n) throw new CodecError('chunk size mismatch');
  const text = n === 0 ? '' : decoder.decode(data.subarray(HEADER_BYTES, HEADER_BYTES + textBytes));
  // Copy into an aligned buffer (a Node Buffer's slice is a view into a shared slab).
  const numbers = new Float64Array(NUMBER_COLUMNS * n);
  new Uint8Array(numbers.buffer).set(data.subarray(numbersAt, bytesAt));
  return { n, text, numbers, bytes: data.subarray(bytesAt) };
}

function tokenAt(
  s: readonly string[],
  num: Float64Array,
  b: Uint8Array,
  n: number,
  i: number,
  pool: ValuePool,
): TokenView {
  const flags = b[3 * n + i] ?? 0;
  const policy = s[6 * n + i] as string;
  const tags = s[7 * n + i] as string;
  return {
    id: s[i] as string,
    tenantId: pool.id(s[n + i] as string),
    environmentId: pool.id(s[2 * n + i] as string),
    label: s[3 * n + i] as string,
    kind: enumAt(TOKEN_KINDS, b[i]),
    provider: enumAt(PROVIDER_IDS, b[n + i]),
    connectionId: flags & FLAG_NO_CONNECTION ? null : pool.id(s[4 * n + i] as string),
    providerKeyId: flags & FLAG_NO_KEY_ID ? null : (s[5 * n + i] as string),
    expiresAt: timeAt(num, n, 0, i),
    expirySource: b[2 * n + i] === NO_SOURCE ? null : enumAt(EXPIRY_SOURCES, b[2 * n + i]),
    lastVerifiedAt: timeAt(num, n, 1, i),
    lastUsedAt: timeAt(num, n, 2, i),
    rotationPolicy: policy === '' ? null : pool.policy(policy),
    tags: tags === '' ? NO_TAGS : pool.tags(tags),
    notes: s[8 * n + i] as string,
    revoked: (flags & FLAG_REVOKED) !== 0,
    createdAt: timeAt(num, n, 3, i) ?? 0,
    updatedAt: timeAt(num, n, 4, i) ?? 0,
  };
}

function timeAt(num: Float64Array, n: number, column: number, i: number): number | null {
  const value = num[column * n + i] as number;
  return Number.isNaN(value) ? null : value;
}

function enumAt<T>(values: readonly T[], index: number | undefined): T {
  const value = values[index ?? -1];
  if (value === undefined) throw new CodecError('unknown enum value');
  return value;
}

function align8(offset: number): number {
  return (offset + 7) & ~7;
}
