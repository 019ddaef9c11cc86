/**
 * The narrow API the window sees as `window.keyturn`, named after what users do.
 * Each action maps to one contract channel; the preload and the browser test bridge both
 * build `window.keyturn` from this map, so they cannot differ.
 */
import type { Channel } from './ipc';

export const KEYTURN_ACTIONS = {
  status: 'vault:status',
  createVault: 'vault:create',
  unlock: 'vault:unlock',
  lock: 'vault:lock',
  listTokens: 'tokens:list',
  searchTokens: 'tokens:search',
  copyToken: 'token:copy',
  revealToken: 'token:reveal',
} as const satisfies Record<string, Channel>;

export type KeyturnAction = keyof typeof KEYTURN_ACTIONS;

/** Events main pushes to the window (webContents.send); payloads are views. */
export const IPC_EVENTS = {
  'session:changed': 'session:changed',
} as const;

export interface SessionChangedEvent {
  readonly state: 'locked' | 'unlocked';
  readonly reason: 'user' | 'idle' | 'suspend' | 'screen-lock' | 'unlock';
}
