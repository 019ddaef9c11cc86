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
  { id: 'delete', label: 'Delete…', shortcut: 'Del', danger: true, separated: true },
];

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
    case 'rotate':
    case 'verify':
    case 'revoke':
      store.openDialog({ kind: 'lifecycle', operation: action, tokenId: token.id, label: token.label });
      break;
  }
}
