/**
 * Token list metadata is sealed in chunks of up to CHUNK_SIZE tokens (columnar encoding, see
 * token-codec.ts), sealed with AAD = the chunk id. Unlock opens a few hundred chunks in bulk
 * instead of 100k small values; a write re-seals one chunk read inside its own transaction.
 */
import type { TokenView } from '../../shared/model';
import { openBulk } from './bulk-open';
import { corrupt, seal, utf8 } from './crypto';
import type { Session } from './session';
import { decodeChunkColumns, decodeTokens, encodeTokens, type ChunkColumns, type ValuePool } from './token-codec';

export const CHUNK_SIZE = 256;

export interface ChunkRow {
  readonly id: number;
  readonly rev: number;
  readonly sealed: Uint8Array;
}

const chunkAad = (id: number): string => `token_chunks/${id}`;
const chunkRecord = (id: number): string => `token list chunk ${id}`;

export function sealChunk(s: Session, id: number, tokens: readonly TokenView[]): Uint8Array {
  const encoded = encodeTokens(tokens);
  try {
    return seal(s.keys.records, encoded, chunkAad(id));
  } finally {
    encoded.fill(0);
  }
}

/** The chunk is authenticated by its AEAD tag; a decoding failure after that is still corruption. */
export function openChunk(s: Session, id: number, sealed: Uint8Array, pool?: ValuePool): TokenView[] {
  return openDecoded(s, id, sealed, (encoded) => decodeTokens(encoded, pool));
}

/** openChunk's columns, no view per token (the first-screen record worked out from the chunks); the same refusals. */
export function openChunkColumns(s: Session, id: number, sealed: Uint8Array): ChunkColumns {
  return openDecoded(s, id, sealed, decodeChunkColumns);
}

function openDecoded<T>(s: Session, id: number, sealed: Uint8Array, decode: (encoded: Uint8Array) => T): T {
  const record = chunkRecord(id);
  const encoded = openBulk(s.keys.records, sealed, utf8(chunkAad(id)));
  if (!encoded) throw corrupt(record);
  try {
    return decode(encoded);
  } catch {
    throw corrupt(record);
  } finally {
    encoded.fill(0);
  }
}

export function readChunkRow(s: Session, id: number): ChunkRow | null {
  return (
    (s.db.prepare('SELECT id, rev, sealed FROM token_chunks WHERE id = ?').get(id) as ChunkRow | undefined) ?? null
  );
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
