/**
 * The window's surface: `window.keyturn`, named after what users do. KEYTURN_ACTIONS maps each
 * action to the one contract channel behind it, and main binds for the window only these channels
 * (the CLI's bulk-secret channels, `token:secret` and `environment:secrets`, are not here, so the
 * renderer cannot reach them). KEYTURN_EVENTS maps each `onX` subscription to the event main
 * pushes. The preload and the browser test bridge both build `window.keyturn` from these two maps,
 * so they cannot differ. docs/gui.md describes every action and event.
 */
import type { Channel } from './ipc';
import type { WindowEventName } from './window-events';

export const KEYTURN_ACTIONS = {
  // The vault file and the session. Protection changes re-check the current password in main.
  status: 'vault:status',
  createVault: 'vault:create',
  unlock: 'vault:unlock',
  unlockWithRecoveryKey: 'vault:recover',
  lock: 'vault:lock',
  changePassword: 'password:change',
  replaceRecoveryKey: 'recovery-key:replace',
  setDeviceUnlock: 'device-unlock:set',
  getSettings: 'settings:get',
  updateSettings: 'settings:set',
  pinToken: 'tray:pin',
  unpinToken: 'tray:unpin',
  reorderPinnedTokens: 'tray:reorder',

  // Navigation and the list: queries run in main, the window gets counts and the visible slice.
  outline: 'vault:outline',
  queryTokens: 'tokens:window',

  // Tenants and environments (add by name, the rest by id).
  addTenant: 'tenant:add',
  renameTenant: 'tenant:rename',
  tenantRemoval: 'tenant:removal',
  removeTenant: 'tenant:delete',
  addEnvironment: 'environment:add',
  updateEnvironment: 'environment:update',
  environmentRemoval: 'environment:removal',
  removeEnvironment: 'environment:delete',

  // Tokens.
  recogniseToken: 'token:recognise',
  addToken: 'token:add',
  tokenDetail: 'token:detail',
  updateToken: 'token:update',
  deleteToken: 'token:delete',
  revealToken: 'token:reveal',
  copyToken: 'token:copy',
  copyFreshToken: 'token:copy-fresh',

  // Providers and the lifecycle at the provider (progress arrives as lifecycle:progress events).
  providerForms: 'providers:forms',
  connect: 'connection:set',
  testConnection: 'connection:test',
  createToken: 'token:create',
  rotateToken: 'token:rotate',
  revokeToken: 'token:revoke',
  verifyToken: 'token:verify',
  listRotations: 'rotations:list',
  retryRotation: 'rotation:retry',
  confirmOldKeyRevoked: 'rotation:manual-confirm',

  // Import, export and backups: main opens the file dialogs and keeps the chosen file behind a handle.
  chooseImportFile: 'import:choose',
  applyImport: 'import:apply',
  discardImport: 'import:discard',
  exportEnvironment: 'export:environment',
  saveBackup: 'backup:save',
  chooseBackupFile: 'backup:choose',
  inspectBackup: 'backup:inspect',
  restoreBackupAsNewVault: 'backup:restore-new',
  replaceVaultWithBackup: 'backup:replace',
  saveRecoveryKey: 'recovery-key:save',
  copyRecoveryKey: 'recovery-key:copy',

  // The audit log.
  queryAudit: 'audit:query',
  verifyAudit: 'audit:verdict',

  // A terminal asking through the app link (docs/cli.md, App integration): see what waits, answer it.
  pendingCliApprovals: 'cli-approvals:pending',
  answerCliApproval: 'cli-approval:answer',
} as const satisfies Record<string, Channel>;

export type KeyturnAction = keyof typeof KEYTURN_ACTIONS;
export type WindowChannel = (typeof KEYTURN_ACTIONS)[KeyturnAction];

/** `window.keyturn.onX(listener)` → the event main pushes. */
export const KEYTURN_EVENTS = {
  onSessionChanged: 'session:changed',
  onLifecycleProgress: 'lifecycle:progress',
  onSchedulerEvent: 'scheduler:event',
  onVaultChanged: 'vault:changed',
  onCliApprovalsChanged: 'cli-approvals:changed',
  onOpenPalette: 'palette:open',
} as const satisfies Record<string, WindowEventName>;

export type KeyturnSubscription = keyof typeof KEYTURN_EVENTS;

export type {
  LifecycleProgressEvent,
  SchedulerNotice,
  SessionChangedEvent,
  VaultChangedEvent,
  WindowEventName,
  WindowEventPayload,
} from './window-events';
