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

/** A "⋯" button that opens a menu of actions (react-aria-components: roles, arrows, Escape, focus). */
export function ActionMenu({
  label,
  actions,
  onAction,
  buttonClassName,
  buttonText = '⋯',
}: ActionMenuProps): React.JSX.Element {
  return (
    <MenuTrigger>
      <Button className={buttonClassName ?? 'icon'} aria-label={label}>
        {buttonText}
      </Button>
      <Popover className="popover" placement="bottom end">
        <MenuItems actions={actions} onAction={onAction} label={label} />
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
  readonly autoFocus?: boolean;
}): React.JSX.Element {
  const disabledKeys = actions.filter((action) => action.disabled === true).map((action) => action.id);
  return (
    <Menu
      className="menu"
      aria-label={label}
      autoFocus={autoFocus === true ? 'first' : undefined}
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
