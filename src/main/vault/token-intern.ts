/**
 * Shares the values many tokens repeat (tenant, environment and connection ids, tag lists,
 * rotation policies) between the decoded token views, so 100k tokens in a few environments hold
 * a handful of copies instead of 100k. Shared arrays and objects are frozen. The pool is bounded,
 * so a vault where every token has its own tags does not pay for a map as big as the data.
 */
import type { RotationPolicy } from '../../shared/model';
import { TAG_SEP } from './token-codec';

const MAX_ENTRIES = 4096;

export class TokenInterner {
  private readonly ids = new Map<string, string>();
  private readonly tagLists = new Map<string, readonly string[]>();
  private readonly policies = new Map<string, RotationPolicy>();

  id(value: string): string {
    return this.pooled(this.ids, value, () => value);
  }

  /** `joined`: the tags as the codec stores them, separated by U+001F. */
  tags(joined: string): readonly string[] {
    return this.pooled(this.tagLists, joined, () => Object.freeze(joined.split(TAG_SEP)));
  }

  policy(json: string): RotationPolicy {
    return this.pooled(this.policies, json, () => Object.freeze(JSON.parse(json) as RotationPolicy));
  }

  clear(): void {
    this.ids.clear();
    this.tagLists.clear();
    this.policies.clear();
  }

  private pooled<T>(pool: Map<string, T>, key: string, make: () => T): T {
    const found = pool.get(key);
    if (found !== undefined) return found;
    const value = make();
    if (pool.size < MAX_ENTRIES) pool.set(key, value);
    return value;
  }
}
