import { useEffect, useRef } from 'react';
import { useKeyturnStore } from '../store';
import { NoticeBar } from './notice-bar';
import { TokenList } from './token-list';

/**
 * The unlocked vault: search and list. Keyboard: / or Ctrl+F search, ↑/↓, PgUp/PgDn and
 * Ctrl+Home/End select, Enter copy, Esc clear the search, Ctrl+L lock.
 */
export function VaultScreen(): React.JSX.Element {
  const query = useKeyturnStore((state) => state.query);
  const search = useKeyturnStore((state) => state.search);
  const lock = useKeyturnStore((state) => state.lock);
  const count = useKeyturnStore((state) => state.tokens.length);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const isMod = event.ctrlKey || event.metaKey;
      if (isMod && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void lock();
      } else if (
        (isMod && event.key.toLowerCase() === 'f') ||
        (event.key === '/' && event.target !== searchRef.current)
      ) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lock]);

  return (
    <main className="screen vault">
      <header className="toolbar">
        <span className="wordmark">Keyturn</span>
        <input
          ref={searchRef}
          className="search"
          type="search"
          placeholder="Search tokens, tenants, environments…  ( / )"
          aria-label="Search tokens"
          autoFocus
          spellCheck={false}
          value={query}
          onChange={(event) => void search(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') void search('');
          }}
        />
        <span className="count" aria-live="polite">
          {count} {count === 1 ? 'token' : 'tokens'}
        </span>
        <button type="button" onClick={() => void lock()} title="Lock (Ctrl+L)">
          Lock
        </button>
      </header>
      <TokenList />
      <NoticeBar />
    </main>
  );
}
