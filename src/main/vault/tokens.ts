/**
 * Token rows and their chunked metadata. Each function runs inside a write transaction, reads
 * the chunk it changes from disk (so a peer process's write to the same chunk is never lost),
 * and returns the chunk's new state for the in-memory cache, applied after commit.
 */
import { KeyturnError } from '../../shared/errors';
import type { TokenView } from '../../shared/model';
import { corrupt, randomId } from './crypto';
import { blindTag } from './keys';
import { foldLastUses, readChunkUses } from './last-used';
import { notFound, type Session } from './session';
import { chunkWithRoom, CHUNK_SIZE, openChunk, readChunkRow, writeChunk } from './token-chunks';
import { environmentTenant } from './tenants';
import type { ValuePool } from './token-codec';
import type { NewToken, TokenPatch } from './types';
import { insertVersion } from './versions';

export interface ChunkChange {
  readonly chunkId: number;
  readonly rev: number;
  readonly tokens: readonly TokenView[];
  /** The tokens this write took out of the chunk, as they were, then those it put in (first-screen-delta.ts). */
  readonly removed: readonly TokenView[];
  readonly added: readonly TokenView[];
}

interface TokenRow {
  chunk_id: number;
  environment_id: string;
}

export const tokenBlind = (s: Session, environmentId: string, label: string): string =>
  blindTag(s.keys.index, 'token', environmentId, label);

function assertUniqueLabel(s: Session, blind: string, exceptId: string | null): void {
  const row = s.db.prepare('SELECT id FROM tokens WHERE blind = ?').get(blind) as { id: string } | undefined;
  if (row && row.id !== exceptId) {
    throw new KeyturnError('DUPLICATE', 'A token with that label already exists in this environment');
  }
}

function assertConnection(s: Session, connectionId: string | null | undefined): void {
  if (connectionId && !s.db.prepare('SELECT 1 FROM connections WHERE id = ?').get(connectionId)) {
    throw notFound('connection');
  }
}

function tokenRow(s: Session, id: string): TokenRow {
  const row = s.db.prepare('SELECT chunk_id, environment_id FROM tokens WHERE id = ?').get(id) as TokenRow | undefined;
  if (!row) throw notFound('token');
  return row;
}

/**
 * Reads and opens the chunk holding `id`, with its tokens' recorded uses folded in; the sealed
 * metadata must agree with the plaintext row.
 */
export function readTokenChunk(
  s: Session,
  id: string,
  pool?: ValuePool,
): { chunkId: number; rev: number; tokens: TokenView[]; index: number } {
  const row = tokenRow(s, id);
  const chunk = readChunkRow(s, row.chunk_id);
  if (!chunk) throw corrupt(`token ${id}`);
  const tokens = openChunk(s, chunk.id, chunk.sealed, pool);
  const index = tokens.findIndex((t) => t.id === id);
  if (index < 0 || tokens[index]?.environmentId !== row.environment_id) throw corrupt(`token ${id}`);
  foldLastUses(tokens, readChunkUses(s, chunk.id));
  return { chunkId: chunk.id, rev: chunk.rev, tokens, index };
}

/** A chunk with room (see chunkWithRoom), with its tokens' recorded uses folded in. */
function chunkWithUses(s: Session): { id: number; rev: number; tokens: TokenView[] } {
  const chunk = chunkWithRoom(s);
  foldLastUses(chunk.tokens, readChunkUses(s, chunk.id));
  return chunk;
}

export function insertTokens(s: Session, inputs: readonly NewToken[]): { views: TokenView[]; changes: ChunkChange[] } {
  const views: TokenView[] = [];
  const changes: ChunkChange[] = [];
  let chunk = chunkWithUses(s);
  let added: TokenView[] = [];
  const insertRow = s.db.prepare(
    'INSERT INTO tokens (id, environment_id, chunk_id, blind, kind, expires_at, revoked, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)',
  );
  const tenants = new Map<string, string>();
  for (const input of inputs) {
    const tenantId = tenants.get(input.environmentId) ?? environmentTenant(s, input.environmentId);
    tenants.set(input.environmentId, tenantId);
    assertConnection(s, input.connectionId);
    const blind = tokenBlind(s, input.environmentId, input.label);
    assertUniqueLabel(s, blind, null);
    if (chunk.tokens.length >= CHUNK_SIZE) {
      changes.push(chunkChange(s, chunk.id, chunk.tokens, [], added));
      chunk = chunkWithUses(s);
      added = [];
    }
    const now = s.now();
    const view: TokenView = {
      id: randomId(),
      tenantId,
      environmentId: input.environmentId,
      label: input.label,
      kind: input.kind,
      provider: input.provider,
      connectionId: input.connectionId ?? null,
      providerKeyId: input.providerKeyId ?? null,
      expiresAt: input.expiresAt ?? null,
      expirySource: input.expirySource ?? null,
      lastVerifiedAt: null,
      lastUsedAt: null,
      rotationPolicy: input.rotationPolicy ?? null,
      tags: input.tags ?? [],
      notes: input.notes ?? '',
      revoked: false,
      createdAt: now,
      updatedAt: now,
    };
    insertRow.run(view.id, view.environmentId, chunk.id, blind, view.kind, view.expiresAt, now, now);
    insertVersion(s, view.id, input.secret, 'current', view.providerKeyId, view.expiresAt);
    chunk.tokens.push(view);
    added.push(view);
    views.push(view);
  }
  changes.push(chunkChange(s, chunk.id, chunk.tokens, [], added));
  return { views, changes };
}

export function patchToken(s: Session, id: string, patch: TokenPatch): { view: TokenView; change: ChunkChange } {
  const { chunkId, tokens, index } = readTokenChunk(s, id);
  const old = tokens[index] as TokenView;
  assertConnection(s, patch.connectionId);
  const view: TokenView = { ...old, ...stripUndefined(patch), id: old.id, updatedAt: Math.max(s.now(), old.updatedAt) };
  const blind = tokenBlind(s, view.environmentId, view.label);
  if (patch.label !== undefined) assertUniqueLabel(s, blind, id);
  s.db
    .prepare('UPDATE tokens SET blind = ?, kind = ?, expires_at = ?, revoked = ?, updated_at = ? WHERE id = ?')
    .run(blind, view.kind, view.expiresAt, view.revoked ? 1 : 0, view.updatedAt, id);
  tokens[index] = view;
  return { view, change: chunkChange(s, chunkId, tokens, [old], [view]) };
}

export function deleteToken(s: Session, id: string): ChunkChange {
  const { chunkId, tokens, index } = readTokenChunk(s, id);
  const removed = tokens.splice(index, 1);
  s.db.prepare('DELETE FROM tokens WHERE id = ?').run(id);
  return chunkChange(s, chunkId, tokens, removed, []);
}

/** Inside a write transaction: re-seals the chunk as `tokens` and says what changed in it. */
export function chunkChange(
  s: Session,
  chunkId: number,
  tokens: readonly TokenView[],
  removed: readonly TokenView[],
  added: readonly TokenView[],
): ChunkChange {
  return { chunkId, rev: writeChunk(s, chunkId, tokens), tokens, removed, added };
}

function stripUndefined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
