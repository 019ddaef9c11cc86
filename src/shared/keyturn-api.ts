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
  // A terminal asking through the app link (docs/cli.md, App integration): see what waits, answer it.
  pendingCliApprovals: 'cli-approvals:pending',
  answerCliApproval: 'cli-approval:answer',
} as const satisfies Record<string, Channel>;

export type KeyturnAction = keyof typeof KEYTURN_ACTIONS;

/** Events main pushes to the window (webContents.send); payloads are views. */
export const IPC_EVENTS = {
  'session:changed': 'session:changed',
  /** The terminals waiting for the user's approval changed (payload: CliApprovalsChangedEvent). */
  'cli-approvals:changed': 'cli-approvals:changed',
} as const;

export interface SessionChangedEvent {
  readonly state: 'locked' | 'unlocked';
  readonly reason: 'user' | 'idle' | 'suspend' | 'screen-lock' | 'unlock';
}
