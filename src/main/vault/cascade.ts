/**
 * Removing an environment or a tenant with everything in it (the window's "remove, with its N
 * tokens"), in the caller's one write transaction: tokens (their versions go by ON DELETE
 * CASCADE), connections, environments, the tenant, and one audit entry. Refused while a token in
 * it has an unfinished lifecycle journal: a rotation must end (or be abandoned) before its token goes.
 */
import { KeyturnError } from '../../shared/errors';
import type { TokenView } from '../../shared/model';
import { appendAudit } from './audit-log';
import { corrupt } from './crypto';
import { foldLastUses, readChunkUses } from './last-used';
import { notFound, type Session } from './session';
import { openChunk, readChunkRow } from './token-chunks';
import { chunkChange, type ChunkChange } from './tokens';
import type { RemovedCounts } from './types';

export interface CascadeResult {
  readonly counts: RemovedCounts;
  readonly changes: readonly ChunkChange[];
  readonly environmentIds: readonly string[];
}

const FINISHED = "('done', 'abandoned')";

export function deleteTenantCascade(s: Session, tenantId: string): CascadeResult {
  if (!s.db.prepare('SELECT 1 FROM tenants WHERE id = ?').get(tenantId)) throw notFound('tenant');
  const environmentIds = (
    s.db.prepare('SELECT id FROM environments WHERE tenant_id = ?').all(tenantId) as { id: string }[]
  ).map((row) => row.id);
  const result = removeEnvironments(s, environmentIds);
  s.db.prepare('DELETE FROM tenants WHERE id = ?').run(tenantId);
  appendAudit(s, 'delete', tenantId, describe('tenant', result.counts));
  return result;
}

export function deleteEnvironmentCascade(s: Session, environmentId: string): CascadeResult {
  if (!s.db.prepare('SELECT 1 FROM environments WHERE id = ?').get(environmentId)) throw notFound('environment');
  const result = removeEnvironments(s, [environmentId]);
  appendAudit(s, 'delete', environmentId, describe('environment', result.counts));
  return result;
}

function describe(what: string, counts: RemovedCounts): string {
  return `${what} removed with ${counts.environments} environments, ${counts.connections} connections, ${counts.tokens} tokens`;
}

function removeEnvironments(s: Session, environmentIds: readonly string[]): CascadeResult {
  const changes: ChunkChange[] = [];
  let tokens = 0;
  let connections = 0;
  for (const environmentId of environmentIds) {
    const rows = s.db.prepare('SELECT id, chunk_id FROM tokens WHERE environment_id = ?').all(environmentId) as {
      id: string;
      chunk_id: number;
    }[];
    assertNoRotation(s, rows);
    changes.push(...dropFromChunks(s, rows));
    tokens += s.db.prepare('DELETE FROM tokens WHERE environment_id = ?').run(environmentId).changes;
    connections += s.db.prepare('DELETE FROM connections WHERE environment_id = ?').run(environmentId).changes;
    s.db.prepare('DELETE FROM environments WHERE id = ?').run(environmentId);
  }
  return { counts: { environments: environmentIds.length, connections, tokens }, changes, environmentIds };
}

function assertNoRotation(s: Session, rows: readonly { id: string }[]): void {
  const busy = s.db.prepare(`SELECT 1 FROM journal WHERE token_id = ? AND state NOT IN ${FINISHED}`);
  if (rows.some((row) => busy.get(row.id) !== undefined)) {
    throw new KeyturnError(
      'ROTATION_IN_PROGRESS',
      'A token in it has a rotation in progress; finish or abandon it first, then remove.',
    );
  }
}

/** Each chunk holding removed tokens is re-sealed once, without them. */
function dropFromChunks(s: Session, rows: readonly { id: string; chunk_id: number }[]): ChunkChange[] {
  const byChunk = new Map<number, Set<string>>();
  for (const row of rows) byChunk.set(row.chunk_id, (byChunk.get(row.chunk_id) ?? new Set()).add(row.id));
  const changes: ChunkChange[] = [];
  for (const [chunkId, ids] of byChunk) {
    const chunk = readChunkRow(s, chunkId);
    if (!chunk) throw corrupt(`token list chunk ${chunkId}`);
    const opened = openChunk(s, chunkId, chunk.sealed);
    const kept: TokenView[] = opened.filter((token) => !ids.has(token.id));
    foldLastUses(kept, readChunkUses(s, chunkId));
    changes.push(
      chunkChange(
        s,
        chunkId,
        kept,
        opened.filter((token) => ids.has(token.id)),
        [],
      ),
    );
  }
  return changes;
}
