/**
 * List slice: the token list as a query kept in main (queryTokens). The window holds the view,
 * the search text, the sort, the counts and only the rows around what is on screen; never the
 * whole match set. Queries are coalesced: one is in flight at a time and typing meanwhile sends
 * only the latest text when it returns (no fixed delay on the first keystroke).
 */
import type { StateCreator } from 'zustand';
import type { TokenSort, TokenWindowView } from '../../shared/ipc-window-channels';
import type { TokenRow, TokenWindow } from '../../shared/window-views';
import type { KeyturnStore } from './index';

/** Rows fetched beyond the visible ones on each side, so scrolling a little needs no round trip. */
const MARGIN = 60;
const MAX_ROWS = 500;

export interface ListCounts {
  readonly inView: number;
  readonly matched: number;
  readonly expiring: number;
  readonly expired: number;
}

export interface ListSlice {
  readonly view: TokenWindowView;
  readonly text: string;
  readonly sort: TokenSort;
  readonly counts: ListCounts | null;
  /** Rows by their index in the matched list (only those around the visible range). */
  readonly rows: ReadonlyMap<number, TokenRow>;
  readonly selectedIndex: number;
  readonly selectedId: string | null;
  setView(view: TokenWindowView): void;
  setText(text: string): void;
  setSort(sort: TokenSort): void;
  /** The list shows rows from…to (exclusive): fetch them if they are not here. */
  showRange(from: number, to: number): void;
  /** Ask main again for what is shown (the vault changed). */
  refreshList(): void;
  select(index: number): void;
  moveSelection(delta: number): void;
  resetList(): void;
}

const EMPTY_ROWS: ReadonlyMap<number, TokenRow> = new Map();

export const createListSlice: StateCreator<KeyturnStore, [], [], ListSlice> = (set, get) => {
  let wanted = { from: 0, to: 40 };
  let loaded: { key: string; from: number; to: number } | null = null;
  let inFlight = false;
  let again = false;
  /**
   * A new query puts the selection back on its first row, but only when its answer arrives: until
   * then the selected token stays, so the detail pane is not emptied and refilled (a remount and a
   * round trip to main) on every keystroke that leaves the same token first.
   */
  let selectFirst = false;

  const queryKey = (): string => {
    const { view, text, sort } = get();
    return `${JSON.stringify(view)}\u0000${text}\u0000${sort}`;
  };

  const apply = (answer: TokenWindow, key: string): void => {
    const rows = new Map<number, TokenRow>();
    answer.rows.forEach((row, index) => rows.set(answer.offset + index, row));
    loaded = { key, from: answer.offset, to: answer.offset + answer.rows.length };
    const { selectedIndex } = get();
    const selectedId = selectFirst ? null : get().selectedId;
    selectFirst = false;
    // Keep the selected token selected when it is still among the rows (a change moved it).
    let index = Math.min(selectedIndex, Math.max(0, answer.matched - 1));
    if (selectedId !== null) for (const [at, row] of rows) if (row.id === selectedId) index = at;
    set({
      counts: { inView: answer.inView, matched: answer.matched, expiring: answer.expiring, expired: answer.expired },
      rows,
      selectedIndex: index,
      selectedId: rows.get(index)?.id ?? (answer.matched === 0 ? null : selectedId),
    });
  };

  const fetchRows = async (): Promise<void> => {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    do {
      again = false;
      const key = queryKey();
      const { view, text, sort } = get();
      const offset = Math.max(0, wanted.from - MARGIN);
      const limit = Math.min(MAX_ROWS, Math.max(1, wanted.to - offset + MARGIN));
      const result = await window.keyturn.queryTokens({ view, text, sort, offset, limit });
      if (get().status?.state !== 'unlocked') break;
      if (!result.ok) {
        // The tenant or environment in view is gone: show everything rather than an error.
        if (result.error.code === 'NOT_FOUND' && view.kind !== 'all') {
          set({ view: { kind: 'all' } });
          again = true;
        } else get().showNotice(result.error.message, 'error');
        continue;
      }
      if (key === queryKey()) apply(result.value, key);
    } while (again);
    inFlight = false;
  };

  const restart = (): void => {
    loaded = null;
    wanted = { from: 0, to: 40 };
    selectFirst = true;
    set({ selectedIndex: 0 });
    void fetchRows();
  };

  return {
    view: { kind: 'all' },
    text: '',
    sort: 'label',
    counts: null,
    rows: EMPTY_ROWS,
    selectedIndex: 0,
    selectedId: null,

    setView(view) {
      set({ view, screen: 'vault' });
      restart();
    },

    setText(text) {
      if (text === get().text) return;
      set({ text });
      restart();
    },

    setSort(sort) {
      set({ sort });
      restart();
    },

    showRange(from, to) {
      wanted = { from, to };
      const covered = loaded !== null && loaded.key === queryKey() && loaded.from <= from && to <= loaded.to;
      if (!covered) void fetchRows();
    },

    refreshList() {
      loaded = null;
      void fetchRows();
    },

    select(index) {
      const matched = get().counts?.matched ?? 0;
      const clamped = Math.max(0, Math.min(matched - 1, index));
      selectFirst = false;
      set({ selectedIndex: clamped, selectedId: get().rows.get(clamped)?.id ?? null });
    },

    moveSelection(delta) {
      get().select(get().selectedIndex + delta);
    },

    resetList() {
      loaded = null;
      selectFirst = false;
      wanted = { from: 0, to: 40 };
      set({ view: { kind: 'all' }, text: '', counts: null, rows: EMPTY_ROWS, selectedIndex: 0, selectedId: null });
    },
  };
};
