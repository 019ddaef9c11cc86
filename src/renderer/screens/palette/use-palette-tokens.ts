import { useEffect, useState } from 'react';
import { MAX_WINDOW_ROWS } from '../../../shared/ipc-window-channels';
import type { TokenRow } from '../../../shared/window-views';

/** The palette scores at most this many tokens itself (most recently used first). */
const LOCAL_TOKENS = 4 * MAX_WINDOW_ROWS;

/**
 * Token rows for the palette (names and places, never a secret): the most recently used
 * LOCAL_TOKENS once when it opens, plus main's own search for the typed text, so a token beyond
 * those in a very large vault is still found by name.
 */
export function usePaletteTokens(text: string): readonly TokenRow[] {
  const [recent, setRecent] = useState<readonly TokenRow[]>([]);
  const [searched, setSearched] = useState<readonly TokenRow[]>([]);

  useEffect(() => {
    let isCurrent = true;
    void (async () => {
      const rows: TokenRow[] = [];
      for (let offset = 0; offset < LOCAL_TOKENS; offset += MAX_WINDOW_ROWS) {
        const result = await window.keyturn.queryTokens({ sort: 'recent', offset, limit: MAX_WINDOW_ROWS });
        if (!result.ok || !isCurrent) return;
        rows.push(...result.value.rows);
        if (rows.length >= result.value.matched) break;
      }
      setRecent(rows);
    })();
    return () => {
      isCurrent = false;
    };
  }, []);

  useEffect(() => {
    const words = text.trim();
    if (words === '' || recent.length < LOCAL_TOKENS) {
      setSearched([]);
      return;
    }
    let isCurrent = true;
    void window.keyturn.queryTokens({ text: words, limit: 50 }).then((result) => {
      if (isCurrent && result.ok) setSearched(result.value.rows);
    });
    return () => {
      isCurrent = false;
    };
  }, [text, recent.length]);

  if (searched.length === 0) return recent;
  const known = new Set(recent.map((row) => row.id));
  return [...recent, ...searched.filter((row) => !known.has(row.id))];
}
