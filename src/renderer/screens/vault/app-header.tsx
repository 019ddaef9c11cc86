import type { RefObject } from 'react';
import { TOKEN_SORTS, type TokenSort } from '../../../shared/ipc-window-channels';
import { BrandMark } from '../../components/brand';
import { keyturnStore, useKeyturnStore } from '../../store';
import { SEARCH_ID, focusTokenList } from './focus-list';

const SORT_NAMES: Readonly<Record<TokenSort, string>> = {
  label: 'Sort by name',
  expiry: 'Sort by expiry',
  recent: 'Sort by last used',
};

/** Search (the query runs in main), sort, add a token, lock. */
export function AppHeader({
  searchRef,
}: {
  readonly searchRef: RefObject<HTMLInputElement | null>;
}): React.JSX.Element {
  const text = useKeyturnStore((state) => state.text);
  const sort = useKeyturnStore((state) => state.sort);
  const setText = useKeyturnStore((state) => state.setText);
  const setSort = useKeyturnStore((state) => state.setSort);
  const lock = useKeyturnStore((state) => state.lock);
  const openDialog = useKeyturnStore((state) => state.openDialog);

  const onSearchKey = (event: React.KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') setText('');
    else if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusTokenList();
    } else if (event.key === 'Enter') {
      const { rows, selectedIndex, copyToken } = keyturnStore.getState();
      const row = rows.get(selectedIndex);
      if (row !== undefined) void copyToken(row.id, row.label);
    }
  };

  const addToken = (): void => {
    const view = keyturnStore.getState().view;
    openDialog({ kind: 'add-token', environmentId: view.kind === 'environment' ? view.environmentId : null });
  };

  return (
    <header className="toolbar">
      <span className="wordmark">
        <BrandMark />
        Keyturn
      </span>
      <input
        ref={searchRef}
        id={SEARCH_ID}
        className="search"
        type="search"
        placeholder="Search labels, tags, tenants…  ( / )"
        aria-label="Search tokens"
        autoFocus
        spellCheck={false}
        dir="auto"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onSearchKey}
      />
      <select
        className="sort"
        aria-label="Sort"
        value={sort}
        onChange={(event) => setSort(event.target.value as TokenSort)}
      >
        {TOKEN_SORTS.map((value) => (
          <option key={value} value={value}>
            {SORT_NAMES[value]}
          </option>
        ))}
      </select>
      <span className="grow" />
      <button type="button" className="primary" onClick={addToken} title="Add a token (Ctrl+N)">
        Add token
      </button>
      <button type="button" onClick={() => void lock()} title="Lock (Ctrl+L)">
        Lock
      </button>
    </header>
  );
}
