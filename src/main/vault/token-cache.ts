/**
 * The decrypted token list, kept per chunk so a change re-reads one chunk, with a lowercase
 * haystack per token (label, provider, tags) so search is a substring scan. Haystacks are built
 * on a chunk's first search, or ahead of it by `prepareSearch` (main calls it in slices once the
 * first rows after unlock are answered), not at load: unlock → first rows does not pay for them
 * (~90 ms of CPU at 100k tokens, bench/README.md).
 *
 * Memory (100k tokens must stay well under the 150 MB main-process budget): no id → token map
 * (getToken asks SQLite for the chunk, then scans at most CHUNK_SIZE views), and repeated ids,
 * tag lists and policies are shared through `pool`. One haystack string per chunk instead of per
 * token was tried: ~3 MB less at 100k, but search twice as slow when most tokens match.
 */
import type { TokenView } from '../../shared/model';
import type { ChunkRev } from './first-screen-codec';
import { foldLastUses, type LastUses } from './last-used';
import { TokenInterner } from './token-intern';

interface CachedChunk {
  readonly rev: number;
  readonly tokens: readonly TokenView[];
  /** Built on first need; kept while the chunk's tokens keep their labels, providers and tags. */
  hays: readonly string[] | null;
}

function haystackOf(t: TokenView): string {
  return `${t.label}\n${t.provider}\n${t.tags.join('\n')}`.toLowerCase();
}

export class TokenCache {
  private readonly chunks = new Map<number, CachedChunk>();
  private flat: { readonly views: TokenView[]; readonly chunks: CachedChunk[] } | null = null;
  /** Shares repeated values between decoded views; pass it to openChunk. */
  readonly pool = new TokenInterner();
  /** True once every chunk on disk has been loaded (after the first list or search). */
  isComplete = false;

  revOf(chunkId: number): number | undefined {
    return this.chunks.get(chunkId)?.rev;
  }

  chunkIds(): number[] {
    return [...this.chunks.keys()];
  }

  /** The loaded chunks' ids and revisions, by id. */
  chunkRevs(): ChunkRev[] {
    return [...this.chunks.entries()].sort(([a], [b]) => a - b).map(([id, chunk]) => ({ id, rev: chunk.rev }));
  }

  setChunk(chunkId: number, rev: number, tokens: readonly TokenView[]): void {
    this.chunks.set(chunkId, { rev, tokens, hays: null });
    this.flat = null;
  }

  /**
   * Builds the haystacks of up to `chunkLimit` loaded chunks that have none yet; true when every
   * loaded chunk has them. Search gives the same answers either way, only sooner.
   */
  prepareSearch(chunkLimit: number): boolean {
    let left = chunkLimit;
    for (const chunk of this.chunks.values()) {
      if (chunk.hays !== null) continue;
      if (left === 0) return false;
      chunk.hays = chunk.tokens.map(haystackOf);
      left -= 1;
    }
    return true;
  }

  /**
   * Moves recorded uses (tokens.last_used_at) forward in a loaded chunk. Changed views are
   * replaced, never edited (callers may hold them); the haystacks stay, a use does not change them.
   */
  applyUses(chunkId: number, uses: LastUses): void {
    const chunk = this.chunks.get(chunkId);
    if (!chunk) return;
    const tokens = chunk.tokens.slice();
    if (!foldLastUses(tokens, uses)) return;
    this.chunks.set(chunkId, { rev: chunk.rev, tokens, hays: chunk.hays });
    this.flat = null;
  }

  dropChunk(chunkId: number): void {
    if (this.chunks.delete(chunkId)) this.flat = null;
  }

  /** A loaded chunk's tokens. */
  tokensOf(chunkId: number): readonly TokenView[] | undefined {
    return this.chunks.get(chunkId)?.tokens;
  }

  /** The view of `id` if its chunk (`chunkId`, from the tokens table) is loaded. */
  find(chunkId: number, id: string): TokenView | undefined {
    return this.chunks.get(chunkId)?.tokens.find((t) => t.id === id);
  }

  list(): readonly TokenView[] {
    return this.flatten().views;
  }

  /** `envMatches`: environments whose tenant or environment name contains the query. */
  search(query: string, envMatches: ReadonlySet<string>): TokenView[] {
    const { views } = this.flatten();
    const mask = this.match(query, envMatches);
    if (mask === null) return views.slice();
    const out: TokenView[] = [];
    for (let i = 0; i < views.length; i++) if (mask[i] === 1) out.push(views[i] as TokenView);
    return out;
  }

  /** `search` as a mask over `list()`: 1 where the view at that position matches; null for an empty query. */
  match(query: string, envMatches: ReadonlySet<string>): Uint8Array | null {
    const q = query.normalize('NFC').trim().toLowerCase();
    const { views, chunks } = this.flatten();
    if (q === '') return null;
    const mask = new Uint8Array(views.length);
    const byEnv = envMatches.size > 0;
    let at = 0;
    for (const chunk of chunks) {
      const tokens = chunk.tokens;
      const hays = (chunk.hays ??= tokens.map(haystackOf));
      for (let i = 0; i < tokens.length; i++, at++) {
        if ((hays[i] as string).includes(q) || (byEnv && envMatches.has((tokens[i] as TokenView).environmentId))) {
          mask[at] = 1;
        }
      }
    }
    return mask;
  }

  clear(): void {
    this.chunks.clear();
    this.pool.clear();
    this.flat = null;
    this.isComplete = false;
  }

  private flatten(): { readonly views: TokenView[]; readonly chunks: CachedChunk[] } {
    if (this.flat) return this.flat;
    const chunks = [...this.chunks.entries()].sort(([a], [b]) => a - b).map(([, chunk]) => chunk);
    const views: TokenView[] = [];
    for (const chunk of chunks) for (const view of chunk.tokens) views.push(view);
    this.flat = { views, chunks };
    return this.flat;
  }
}
