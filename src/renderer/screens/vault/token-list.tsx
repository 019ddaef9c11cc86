import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TokenRow as TokenRowView } from '../../../shared/window-views';
import { useKeyturnStore } from '../../store';
import { TOKEN_LIST_ID } from './focus-list';
import { ListEmpty } from './list-empty';
import { TokenMenu, type MenuPlace } from './token-menu';
import { ROW_HEIGHT, TokenRow } from './token-row';
import { useListKeys } from './use-list-keys';

/**
 * Whether row `index` is wholly on screen, from what the virtualizer last saw (no layout read).
 * scrollToIndex for such a row would leave the list where it is, but it reads the list's scroll
 * size (a forced layout) and checks it again over the next frames: on every keystroke that was
 * work for nothing.
 */
function isInView(index: number, offset: number | null, height: number | undefined): boolean {
  if (offset === null || height === undefined) return false;
  const top = index * ROW_HEIGHT;
  return top >= offset && top + ROW_HEIGHT <= offset + height;
}

/**
 * The token list: a grid virtualized with @tanstack/react-virtual. Only the rows on screen are in
 * the DOM, and only the rows around them are in the window (fetched from main's query).
 * Keyboard (on the list only, never on a button): ↑ ↓ PgUp PgDn Home End select, Enter or
 * Ctrl/Cmd+C copy, Ctrl/Cmd+Shift+C copy fresh, Ctrl/Cmd+E edit, Delete delete, Shift+F10 or the
 * menu key the context menu.
 */
export function TokenList(): React.JSX.Element {
  const matched = useKeyturnStore((state) => state.counts?.matched ?? 0);
  const hasCounts = useKeyturnStore((state) => state.counts !== null);
  const rows = useKeyturnStore((state) => state.rows);
  const selectedIndex = useKeyturnStore((state) => state.selectedIndex);
  const select = useKeyturnStore((state) => state.select);
  const showRange = useKeyturnStore((state) => state.showRange);
  const copyToken = useKeyturnStore((state) => state.copyToken);
  const scroller = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<MenuPlace | null>(null);

  const virtualizer = useVirtualizer({
    count: matched,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = (items.at(-1)?.index ?? 0) + 1;

  useEffect(() => showRange(first, last), [first, last, matched, showRange]);
  useEffect(() => {
    if (matched === 0 || isInView(selectedIndex, virtualizer.scrollOffset, virtualizer.scrollRect?.height)) return;
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, matched, virtualizer]);

  const openMenuAt = useCallback((index: number, x: number, y: number) => setMenu({ index, x, y }), []);
  const onCopy = useCallback((row: TokenRowView) => void copyToken(row.id, row.label), [copyToken]);
  const onKeyDown = useListKeys(scroller, openMenuAt);

  if (hasCounts && matched === 0) return <ListEmpty />;
  const selectedRow = rows.get(selectedIndex);
  return (
    <div
      id={TOKEN_LIST_ID}
      ref={scroller}
      className="token-list"
      role="grid"
      aria-label="Tokens"
      aria-rowcount={matched}
      aria-activedescendant={selectedRow === undefined ? undefined : `token-row-${selectedIndex}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="token-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => (
          <TokenRow
            key={item.index}
            row={rows.get(item.index)}
            index={item.index}
            start={item.start}
            isSelected={item.index === selectedIndex}
            onSelect={select}
            onCopy={onCopy}
            onMenu={openMenuAt}
          />
        ))}
      </div>
      {menu !== null && <TokenMenu place={menu} row={rows.get(menu.index)} onClose={() => setMenu(null)} />}
    </div>
  );
}
