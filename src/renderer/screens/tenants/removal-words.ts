/** What a removal takes with it, in a sentence. */
import type { RemovalImpact } from '../../../shared/window-views';
import { plural } from '../../lib/words';

export function removalWords(impact: RemovalImpact, isTenant: boolean): string {
  const parts: string[] = [];
  if (isTenant) parts.push(plural(impact.environments, 'environment'));
  if (impact.connections > 0) parts.push(plural(impact.connections, 'provider connection'));
  parts.push(plural(impact.tokens, 'token'));
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
  return `${impact.tokens === 0 && parts.length === 1 ? 'No tokens go' : `${list} go`} with it.`;
}

export function liveKeyWords(impact: RemovalImpact): string | null {
  if (impact.tokensWithLiveKeys === 0) return null;
  return `${plural(impact.tokensWithLiveKeys, 'token')} still ${
    impact.tokensWithLiveKeys === 1 ? 'has a key' : 'have keys'
  } working at the provider. Removing does not revoke ${impact.tokensWithLiveKeys === 1 ? 'it' : 'them'}: revoke first if nobody should use ${impact.tokensWithLiveKeys === 1 ? 'it' : 'them'} any more.`;
}
