import { useEffect, useState } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover, Separator } from 'react-aria-components';

export interface MenuAction {
  readonly id: string;
  readonly label: string;
  readonly danger?: boolean;
  readonly disabled?: boolean;
  /** A separator goes before this item. */
  readonly separated?: boolean;
  readonly shortcut?: string;
}

interface ActionMenuProps {
  readonly label: string;
  readonly actions: readonly MenuAction[];
  readonly onAction: (id: string) => void;
  readonly buttonClassName?: string;
  readonly buttonText?: string;
}

/**
 * A "⋯" button that opens a menu of actions (react-aria-components: roles, arrows, Escape, focus).
 * Until it is first used it is a plain button with the same name and popup role: the sidebar holds
 * one per tenant and environment, and react-aria's trigger, button and popover cost ~3 ms each to
 * build (bench/README.md). Clicking it, Enter, Space or an arrow key builds react-aria's trigger
 * and opens it on the next turn, once that button has the focus (so closing the menu gives it
 * back): a key focuses the first action, ArrowUp the last, as react-aria's own do. It stays built.
 */
export function ActionMenu(props: ActionMenuProps): React.JSX.Element {
  const [opened, setOpened] = useState<OpenedBy | null>(null);
  if (opened === null) {
    const { label, buttonClassName, buttonText = '⋯' } = props;
    const onKeyDown = (event: React.KeyboardEvent): void => {
      const by = event.key === 'ArrowDown' ? 'first' : event.key === 'ArrowUp' ? 'last' : null;
      if (by === null) return;
      event.preventDefault();
      setOpened(by);
    };
    return (
      <button
        type="button"
        className={buttonClassName ?? 'icon'}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={false}
        onClick={(event) => setOpened(event.detail === 0 ? 'first' : 'press')}
        onKeyDown={onKeyDown}
      >
        {buttonText}
      </button>
    );
  }
  return <BuiltActionMenu {...props} opened={opened} />;
}

/** How the plain button was used: a press, or an arrow key (which action gets the focus). */
type OpenedBy = 'press' | 'first' | 'last';

function BuiltActionMenu({
  label,
  actions,
  onAction,
  buttonClassName,
  buttonText = '⋯',
  opened,
}: ActionMenuProps & { readonly opened: OpenedBy }): React.JSX.Element {
  // Opened on the turn after the button took the focus, so closing the menu gives it back to it.
  const [isOpen, setOpen] = useState(false);
  const [focusFirst, setFocusFirst] = useState<OpenedBy | null>(opened);
  useEffect(() => setOpen(true), []);
  return (
    <MenuTrigger
      isOpen={isOpen}
      onOpenChange={(open) => {
        setFocusFirst(null);
        setOpen(open);
      }}
    >
      <Button className={buttonClassName ?? 'icon'} aria-label={label} autoFocus>
        {buttonText}
      </Button>
      <Popover className="popover" placement="bottom end">
        <MenuItems
          actions={actions}
          onAction={onAction}
          label={label}
          autoFocus={focusFirst === null || focusFirst === 'press' ? undefined : focusFirst}
        />
      </Popover>
    </MenuTrigger>
  );
}

/** The menu itself, for a trigger of one's own (the token list's context menu). */
export function MenuItems({
  actions,
  onAction,
  label,
  autoFocus,
}: {
  readonly actions: readonly MenuAction[];
  readonly onAction: (id: string) => void;
  readonly label: string;
  readonly autoFocus?: boolean | 'first' | 'last';
}): React.JSX.Element {
  const disabledKeys = actions.filter((action) => action.disabled === true).map((action) => action.id);
  return (
    <Menu
      className="menu"
      aria-label={label}
      autoFocus={autoFocus === true ? 'first' : autoFocus === false ? undefined : autoFocus}
      disabledKeys={disabledKeys}
      onAction={(key) => onAction(String(key))}
    >
      {actions.flatMap((action) => [
        ...(action.separated === true ? [<Separator key={`${action.id}-sep`} className="menu-separator" />] : []),
        <MenuItem
          key={action.id}
          id={action.id}
          textValue={action.label}
          className={`menu-item${action.danger === true ? ' danger' : ''}`}
        >
          <span>{action.label}</span>
          {action.shortcut !== undefined && <kbd>{action.shortcut}</kbd>}
        </MenuItem>,
      ])}
    </Menu>
  );
}
