/** The actions on one token, shared by its row, its context menu, the list's keys and the detail pane. */
import type { MenuAction } from '../../components/action-menu';
import { keyturnStore } from '../../store';

export interface TokenRef {
  readonly id: string;
  readonly label: string;
}

export const TOKEN_MENU: readonly MenuAction[] = [
  { id: 'copy', label: 'Copy', shortcut: 'Ctrl+C' },
  { id: 'copy-fresh', label: 'Copy fresh', shortcut: 'Ctrl+Shift+C' },
  { id: 'edit', label: 'Edit…', shortcut: 'Ctrl+E', separated: true },
  { id: 'rotate', label: 'Rotate…' },
  { id: 'verify', label: 'Verify at the provider' },
  { id: 'revoke', label: 'Revoke at the provider…', danger: true },
  { id: 'audit', label: 'Show in the audit log', separated: true },
  { id: 'delete', label: 'Delete…', shortcut: 'Del', danger: true, separated: true },
];

/** The menu with the tray pin's item as it stands for this token. */
export function tokenMenu(isPinned: boolean): readonly MenuAction[] {
  const pin: MenuAction = isPinned
    ? { id: 'unpin', label: 'Unpin from the tray' }
    : { id: 'pin', label: 'Pin to the tray' };
  const at = TOKEN_MENU.findIndex((action) => action.id === 'edit');
  return [...TOKEN_MENU.slice(0, at), pin, ...TOKEN_MENU.slice(at)];
}

export function runTokenAction(action: string, token: TokenRef): void {
  const store = keyturnStore.getState();
  switch (action) {
    case 'copy':
      void store.copyToken(token.id, token.label);
      break;
    case 'copy-fresh':
      void store.copyFreshToken(token.id, token.label);
      break;
    case 'edit':
      store.openDialog({ kind: 'edit-token', tokenId: token.id });
      break;
    case 'delete':
      store.openDialog({ kind: 'delete-token', tokenId: token.id });
      break;
    case 'pin':
    case 'unpin':
      void store.setPinned(token.id, token.label, action === 'pin');
      break;
    case 'audit':
      store.showAudit({ tokenId: token.id, name: token.label });
      break;
    case 'rotate':
    case 'verify':
    case 'revoke':
      store.openDialog({ kind: 'lifecycle', operation: action, tokenId: token.id, label: token.label });
      break;
  }
}
