/**
 * The decrypted token list, kept per chunk so a change re-reads one chunk, with a lowercase
 * haystack per token precomputed at load so search is a plain substring scan.
 */
import type { TokenView } from '../../shared/model';

interface CachedChunk {
  readonly rev: number;
  readonly tokens: readonly TokenView[];
  readonly hays: readonly string[];
}

export function haystackOf(t: TokenView): string {
  return `${t.label}\n${t.provider}\n${t.tags.join('\n')}`.toLowerCase();
}

export class TokenCache {
  private readonly chunks = new Map<number, CachedChunk>();
  private readonly byId = new Map<string, { readonly chunkId: number; readonly view: TokenView }>();
  private flat: { readonly views: TokenView[]; readonly hays: string[] } | null = null;
  /** True once every chunk on disk has been loaded (after the first list or search). */
  isComplete = false;

  revOf(chunkId: number): number | undefined {
    return this.chunks.get(chunkId)?.rev;
  }

  chunkIds(): number[] {
    return [...this.chunks.keys()];
  }

  setChunk(chunkId: number, rev: number, tokens: readonly TokenView[]): void {
    this.dropChunk(chunkId);
    this.chunks.set(chunkId, { rev, tokens, hays: tokens.map(haystackOf) });
    this.flat = null;
    for (const view of tokens) this.byId.set(view.id, { chunkId, view });
  }

  dropChunk(chunkId: number): void {
    const old = this.chunks.get(chunkId);
    if (!old) return;
    for (const view of old.tokens) {
      if (this.byId.get(view.id)?.chunkId === chunkId) this.byId.delete(view.id);
    }
    this.chunks.delete(chunkId);
    this.flat = null;
  }

  get(id: string): TokenView | undefined {
    return this.byId.get(id)?.view;
  }

  list(): readonly TokenView[] {
    return this.flatten().views;
  }

  /** `envMatches`: environments whose tenant or environment name contains the query. */
  search(query: string, envMatches: ReadonlySet<string>): TokenView[] {
    const q = query.normalize('NFC').trim().toLowerCase();
    const { views, hays } = this.flatten();
    if (q === '') return views.slice();
    const out: TokenView[] = [];
    for (let i = 0; i < views.length; i++) {
      const view = views[i] as TokenView;
      if ((hays[i] as string).includes(q) || envMatches.has(view.environmentId)) out.push(view);
    }
    return out;
  }

  clear(): void {
    this.chunks.clear();
    this.byId.clear();
    this.flat = null;
    this.isComplete = false;
  }

  private flatten(): { readonly views: TokenView[]; readonly hays: string[] } {
    if (this.flat) return this.flat;
    const views: TokenView[] = [];
    const hays: string[] = [];
    const ids = [...this.chunks.keys()].sort((a, b) => a - b);
    for (const id of ids) {
      const chunk = this.chunks.get(id);
      if (!chunk) continue;
      for (const view of chunk.tokens) views.push(view);
      for (const hay of chunk.hays) hays.push(hay);
    }
    this.flat = { views, hays };
    return this.flat;
  }
}
