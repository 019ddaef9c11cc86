import { useId, useMemo, useState } from 'react';
import { Dialog, Modal, ModalOverlay } from 'react-aria-components';
import { fuzzyMatch, type FuzzyMatch } from '../../../shared/fuzzy';
import { useKeyturnStore } from '../../store';
import { paletteItems, type PaletteItem } from './palette-items';
import { usePaletteTokens } from './use-palette-tokens';

const SHOWN = 50;
const RECENT = 8;

interface Ranked {
  readonly item: PaletteItem;
  readonly match: FuzzyMatch;
}

function Highlighted({
  text,
  indices,
}: {
  readonly text: string;
  readonly indices: readonly number[];
}): React.JSX.Element {
  if (indices.length === 0) return <bdi className="user-text">{text}</bdi>;
  const marked = new Set(indices);
  const parts: React.JSX.Element[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marked.has(i) !== marked.has(start)) {
      const piece = text.slice(start, i);
      parts.push(marked.has(start) ? <mark key={start}>{piece}</mark> : <span key={start}>{piece}</span>);
      start = i;
    }
  }
  return <bdi className="user-text">{parts}</bdi>;
}

/**
 * Ctrl/Cmd+K (or main's global shortcut): one field, fuzzy over tokens, "Rotate …", tenants,
 * environments and actions. ↑/↓ move, Enter copies the token or runs the action, Escape closes.
 * With nothing typed, the most recently used tokens come first, then the actions.
 */
export function CommandPalette(): React.JSX.Element | null {
  const isOpen = useKeyturnStore((state) => state.isPaletteOpen);
  const setOpen = useKeyturnStore((state) => state.setPaletteOpen);
  if (!isOpen) return null;
  return (
    <ModalOverlay className="modal-overlay palette-overlay" isOpen isDismissable onOpenChange={setOpen}>
      <Modal className="modal palette">
        <Dialog className="dialog" aria-label="Command palette">
          <PaletteBody onClose={() => setOpen(false)} />
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function PaletteBody({ onClose }: { readonly onClose: () => void }): React.JSX.Element {
  const id = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const outline = useKeyturnStore((state) => state.outline);
  const tokens = usePaletteTokens(text);
  const items = useMemo(() => paletteItems(outline, tokens), [outline, tokens]);

  const ranked = useMemo((): Ranked[] => {
    if (text.trim() === '') {
      // Quick access: the most recently used tokens first (Enter copies), then the actions.
      const recent = items.filter((item) => item.group === 'Token').slice(0, RECENT);
      const actions = items.filter((item) => item.group === 'Action');
      return [...recent, ...actions].map((item) => ({ item, match: { score: 0, indices: [] } }));
    }
    const found: Ranked[] = [];
    for (const item of items) {
      const match = fuzzyMatch(item.title, text);
      if (match !== null) found.push({ item, match });
    }
    return found.sort((a, b) => b.match.score - a.match.score).slice(0, SHOWN);
  }, [items, text]);

  const run = (entry: Ranked | undefined): void => {
    if (entry === undefined) return;
    onClose();
    entry.item.run();
  };
  const onKey = (event: React.KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (ranked.length === 0 ? 0 : (current + step + ranked.length) % ranked.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(ranked[active]);
    }
  };
  const activeId = ranked[active] === undefined ? undefined : `${id}-${active}`;

  return (
    <>
      <input
        className="palette-input"
        role="combobox"
        aria-label="Search tokens, places and actions"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={activeId}
        aria-autocomplete="list"
        placeholder="Copy a token, rotate, go to a tenant, lock…"
        autoFocus
        spellCheck={false}
        dir="auto"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
      />
      <ul id={`${id}-list`} role="listbox" aria-label="Results" className="palette-list">
        {ranked.map((entry, index) => (
          <li
            key={entry.item.id}
            id={`${id}-${index}`}
            role="option"
            aria-selected={index === active}
            className={`palette-option${index === active ? ' active' : ''}`}
            onMouseMove={() => setActive(index)}
            onClick={() => run(entry)}
          >
            <span className={`palette-group ${entry.item.group.toLowerCase()}`}>{entry.item.group}</span>
            {entry.item.isProduction === true && <span className="pill prod">PROD</span>}
            <Highlighted text={entry.item.title} indices={entry.match.indices} />
            <span className="palette-verb" aria-hidden="true">
              {entry.item.verb} ↵
            </span>
          </li>
        ))}
      </ul>
      {ranked.length === 0 && <p className="empty">Nothing matches “{text}”.</p>}
      <p className="hint palette-keys">
        <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> copy or run · <kbd>Esc</kbd> close
      </p>
    </>
  );
}
