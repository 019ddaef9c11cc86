/**
 * Token list metadata is sealed in chunks of up to CHUNK_SIZE tokens (compact JSON tuples,
 * deflated, then sealed with AAD = the chunk id). Unlock opens a few hundred chunks in bulk
 * instead of 100k small values; a write re-seals one chunk read inside its own transaction.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { TokenView } from '../../shared/model';
import { corrupt, open, seal } from './crypto';
import type { Session } from './session';

export const CHUNK_SIZE = 256;

export interface ChunkRow {
  readonly id: number;
  readonly rev: number;
  readonly sealed: Uint8Array;
}

const chunkAad = (id: number): string => `token_chunks/${id}`;
const chunkRecord = (id: number): string => `token list chunk ${id}`;

type Tuple = readonly unknown[];

function toTuple(t: TokenView): Tuple {
  return [
    t.id, t.tenantId, t.environmentId, t.label, t.kind, t.provider, t.connectionId, t.providerKeyId, t.expiresAt,
    t.expirySource, t.lastVerifiedAt, t.lastUsedAt, t.rotationPolicy, t.tags, t.notes, t.revoked ? 1 : 0,
    t.createdAt, t.updatedAt,
  ];
}

/** The chunk was authenticated by its AEAD tag, so a structural check is enough here. */
function fromTuple(x: unknown, record: string): TokenView {
  if (!Array.isArray(x) || x.length !== 18 || typeof x[0] !== 'string') throw corrupt(record);
  return {
    id: x[0], tenantId: x[1], environmentId: x[2], label: x[3], kind: x[4], provider: x[5], connectionId: x[6],
    providerKeyId: x[7], expiresAt: x[8], expirySource: x[9], lastVerifiedAt: x[10], lastUsedAt: x[11],
    rotationPolicy: x[12], tags: x[13], notes: x[14], revoked: x[15] === 1, createdAt: x[16], updatedAt: x[17],
  } as TokenView;
}

export function sealChunk(s: Session, id: number, tokens: readonly TokenView[]): Uint8Array {
  const packed = deflateRawSync(Buffer.from(JSON.stringify(tokens.map(toTuple)), 'utf8'), { level: 1 });
  return seal(s.keys.records, packed, chunkAad(id));
}

export function openChunk(s: Session, id: number, sealed: Uint8Array): TokenView[] {
  const record = chunkRecord(id);
  const packed = open(s.keys.records, sealed, chunkAad(id), record);
  let parsed: unknown;
  try {
    parsed = JSON.parse(inflateRawSync(packed).toString('utf8'));
  } catch {
    throw corrupt(record);
  } finally {
    packed.fill(0);
  }
  if (!Array.isArray(parsed)) throw corrupt(record);
  return parsed.map((x) => fromTuple(x, record));
}

export function readChunkRow(s: Session, id: number): ChunkRow | null {
  return (s.db.prepare('SELECT id, rev, sealed FROM token_chunks WHERE id = ?').get(id) as ChunkRow | undefined) ?? null;
}

/** Inside a write transaction: a chunk with room, or a new empty one. */
export function chunkWithRoom(s: Session): { id: number; rev: number; tokens: TokenView[] } {
  const row = s.db
    .prepare('SELECT id, rev, sealed FROM token_chunks WHERE count < ? ORDER BY id DESC LIMIT 1')
    .get(CHUNK_SIZE) as ChunkRow | undefined;
  if (row) return { id: row.id, rev: row.rev, tokens: openChunk(s, row.id, row.sealed) };
  const max = s.db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM token_chunks').get() as { id: number };
  const id = max.id + 1;
  s.db.prepare('INSERT INTO token_chunks (id, rev, count, sealed) VALUES (?, 0, 0, ?)').run(id, sealChunk(s, id, []));
  return { id, rev: 0, tokens: [] };
}

/** Inside a write transaction: re-seal and store; returns the new revision. */
export function writeChunk(s: Session, id: number, tokens: readonly TokenView[]): number {
  const row = s.db
    .prepare('UPDATE token_chunks SET rev = rev + 1, count = ?, sealed = ? WHERE id = ? RETURNING rev')
    .get(tokens.length, sealChunk(s, id, tokens), id) as { rev: number };
  return row.rev;
}
