/** The token list's id, so the header, dialogs and the list itself can give it focus. */
export const TOKEN_LIST_ID = 'token-list';
export const SEARCH_ID = 'token-search';

/** Focus on the token list, or on the search box when there is no list (nothing to show). */
export function focusTokenList(): void {
  (document.getElementById(TOKEN_LIST_ID) ?? document.getElementById(SEARCH_ID))?.focus();
}
