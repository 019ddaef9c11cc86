import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useKeyturnStore } from '../store';
import { TokenRow, ROW_HEIGHT } from './token-row';

const OVERSCAN = 6;
const PAGE = 10;
const KEY_STEPS: Readonly<Record<string, number>> = { ArrowDown: 1, ArrowUp: -1, PageDown: PAGE, PageUp: -PAGE };

/** A virtualized list: only the rows in view are rendered, so 100k tokens stay smooth. */
export function TokenList(): React.JSX.Element {
  const tokens = useKeyturnStore((state) => state.tokens);
  const selectedIndex = useKeyturnStore((state) => state.selectedIndex);
  const moveSelection = useKeyturnStore((state) => state.moveSelection);
  const copyToken = useKeyturnStore((state) => state.copyToken);
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const element = viewport.current;
    if (element === null) return undefined;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = viewport.current;
    if (element === null) return;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight)
      element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  }, [selectedIndex]);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => handleKey(event);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const handleKey = (event: KeyboardEvent | globalThis.KeyboardEvent): void => {
    const step = KEY_STEPS[event.key];
    const isMod = event.ctrlKey || event.metaKey;
    if (step !== undefined) {
      event.preventDefault();
      moveSelection(step);
    } else if (isMod && (event.key === 'End' || event.key === 'Home')) {
      event.preventDefault();
      moveSelection(event.key === 'End' ? tokens.length : -tokens.length);
    } else if (event.key === 'Enter') {
      const token = tokens[selectedIndex];
      if (token !== undefined) void copyToken(token.id);
    }
  };

  if (tokens.length === 0) {
    return <p className="empty">No tokens match. Add tokens with the keyturn command line for now.</p>;
  }

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(tokens.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  return (
    <div
      ref={viewport}
      className="token-list"
      role="listbox"
      aria-label="Tokens"
      aria-activedescendant={tokens[selectedIndex] === undefined ? undefined : `token-${selectedIndex}`}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div className="token-list-inner" style={{ height: tokens.length * ROW_HEIGHT }}>
        {tokens.slice(first, last).map((token, offset) => (
          <TokenRow key={token.id} token={token} index={first + offset} isSelected={first + offset === selectedIndex} />
        ))}
      </div>
    </div>
  );
}
