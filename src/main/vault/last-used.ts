/**
 * A token's last use is the plaintext `tokens.last_used_at` (schema v4), written with the
 * reveal's audit entry and never by re-sealing the metadata chunk. Chunks sealed before v4 may
 * hold a lastUsedAt of their own, so a view's lastUsedAt is the later of the two; these helpers
 * read the column (through the partial index tokens_last_used) and fold it into decoded views.
 */
import type { TokenView } from '../../shared/model';
import { notFound, type Session } from './session';

/** Token id → last_used_at, for the tokens that have one. */
export type LastUses = ReadonlyMap<string, number>;

/** Inside a write transaction: moves the token's last use forward to `at` (never back). */
export function writeLastUse(s: Session, tokenId: string, at: number): { chunkId: number; lastUsedAt: number } {
  const row = s.db
    .prepare(
      'UPDATE tokens SET last_used_at = MAX(COALESCE(last_used_at, 0), ?) WHERE id = ? RETURNING chunk_id, last_used_at',
    )
    .get(at, tokenId) as { chunk_id: number; last_used_at: number } | undefined;
  if (!row) throw notFound('token');
  return { chunkId: row.chunk_id, lastUsedAt: row.last_used_at };
}

/** The recorded uses of one chunk's tokens. */
export function readChunkUses(s: Session, chunkId: number): LastUses {
  const rows = s.db
    .prepare('SELECT id, last_used_at FROM tokens WHERE chunk_id = ? AND last_used_at IS NOT NULL')
    .all(chunkId) as { id: string; last_used_at: number }[];
  return new Map(rows.map((r) => [r.id, r.last_used_at]));
}

/** Every recorded use, grouped by chunk (few rows unless most tokens have been used). */
export function readAllUses(s: Session): ReadonlyMap<number, LastUses> {
  const rows = s.db.prepare('SELECT chunk_id, id, last_used_at FROM tokens WHERE last_used_at IS NOT NULL').all() as {
    chunk_id: number;
    id: string;
    last_used_at: number;
  }[];
  const byChunk = new Map<number, Map<string, number>>();
  for (const r of rows) {
    let uses = byChunk.get(r.chunk_id);
    if (!uses) byChunk.set(r.chunk_id, (uses = new Map()));
    uses.set(r.id, r.last_used_at);
  }
  return byChunk;
}

/** The view with its last use moved forward to `at`, or the same object if that is not later. */
function withLastUse(view: TokenView, at: number | undefined): TokenView {
  if (at === undefined || (view.lastUsedAt !== null && view.lastUsedAt >= at)) return view;
  return { ...view, lastUsedAt: at };
}

/** Folds `uses` into the array in place (the views themselves are shared, never edited); true if any changed. */
export function foldLastUses(tokens: TokenView[], uses: LastUses | undefined): boolean {
  if (!uses || uses.size === 0) return false;
  let changed = false;
  for (let i = 0; i < tokens.length; i++) {
    const view = tokens[i] as TokenView;
    const next = withLastUse(view, uses.get(view.id));
    if (next !== view) {
      tokens[i] = next;
      changed = true;
    }
  }
  return changed;
}
