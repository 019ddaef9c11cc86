import { useRef } from 'react';
import { Popover } from 'react-aria-components';
import type { TokenRow } from '../../../shared/window-views';
import { MenuItems } from '../../components/action-menu';
import { focusTokenList } from './focus-list';
import { runTokenAction, tokenMenu } from './token-actions';
import { useKeyturnStore } from '../../store';

export interface MenuPlace {
  readonly index: number;
  readonly x: number;
  readonly y: number;
}

interface TokenMenuProps {
  readonly place: MenuPlace;
  readonly row: TokenRow | undefined;
  readonly onClose: () => void;
}

/** The token list's context menu, where the pointer (or the selected row) is. */
export function TokenMenu({ place, row, onClose }: TokenMenuProps): React.JSX.Element | null {
  const anchor = useRef<HTMLSpanElement>(null);
  const isPinned = useKeyturnStore((state) => row !== undefined && state.pinnedTokenIds.includes(row.id));
  if (row === undefined) return null;
  const close = (): void => {
    onClose();
    focusTokenList();
  };
  return (
    <>
      <span ref={anchor} className="menu-anchor" style={{ left: place.x, top: place.y }} />
      <Popover
        className="popover"
        // A standalone popover is a dialog to assistive technology: it needs a name (axe).
        aria-label={`Actions for ${row.label}`}
        triggerRef={anchor}
        isOpen
        placement="bottom start"
        onOpenChange={(open) => {
          if (!open) close();
        }}
      >
        <MenuItems
          label={`Actions for ${row.label}`}
          actions={tokenMenu(isPinned)}
          autoFocus
          onAction={(id) => {
            close();
            runTokenAction(id, row);
          }}
        />
      </Popover>
    </>
  );
}
