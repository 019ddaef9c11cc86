/**
 * The tokens the tray shows: the pinned ones and the most recently used, chosen from the list
 * before anything is built for them, so a refresh costs one pass over the list instead of a list
 * item for every token (`tokens:list` at 100k tokens: ~1.2–1.5 s of main's CPU, bench/README.md).
 * The same choice tray-menu.ts makes over the whole list (live tokens only; recent by last use,
 * ties in list order), so given these it picks the same tokens in the same order.
 */
import type { TokenListItem } from '../../shared/ipc';
import { requireVault, type AppContext } from './context';
import { toListItems } from './token-handlers';

export function trayTokens(
  context: AppContext,
  pinnedIds: ReadonlySet<string>,
  recentLimit: number,
): readonly TokenListItem[] {
  const live = requireVault(context)
    .listTokens()
    .filter((token) => !token.revoked);
  const pinned = live.filter((token) => pinnedIds.has(token.id));
  const recent = live
    .filter((token) => !pinnedIds.has(token.id) && token.lastUsedAt !== null)
    .sort((a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0))
    .slice(0, recentLimit);
  return toListItems([...pinned, ...recent], context);
}
