/**
 * Where the search's matches are in the token list, as a mask over its positions (the window's
 * query scans the list in its kept order and keeps what the mask marks).
 */
import type { TokenView } from '../../shared/model';
import type { Vault } from '../vault/types';

/**
 * The matches as a mask over `list`, from the vault's own mask when the list is still the one it
 * was made over; if another process wrote in between, from the search's matches placed by walk.
 */
export function maskOf(vault: Vault, list: readonly TokenView[], needle: string): Uint8Array | null {
  const mask = vault.matchTokens(needle);
  if (vault.listTokens() === list && (mask === null || mask.length === list.length)) return mask;
  return matchMask(list, vault.searchTokens(needle));
}

/**
 * Marks the matched tokens' positions. The vault's search returns its matches in list order, so
 * one walk finds them; if the list changed in between (another process wrote), by id instead.
 */
function matchMask(list: readonly TokenView[], matches: readonly TokenView[]): Uint8Array {
  const mask = new Uint8Array(list.length);
  let at = 0;
  for (const token of matches) {
    while (at < list.length && list[at] !== token) at++;
    if (at === list.length) return maskById(list, matches);
    mask[at++] = 1;
  }
  return mask;
}

function maskById(list: readonly TokenView[], matches: readonly TokenView[]): Uint8Array {
  const ids = new Set(matches.map((token) => token.id));
  return Uint8Array.from(list, (token) => (ids.has(token.id) ? 1 : 0));
}
