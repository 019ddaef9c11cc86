/**
 * Every channel's handler body, in one map. createApiHandlers (the app, the browser bridge)
 * and the CLI wrap the same bodies with makeHandler, so all callers share one set of handlers.
 */
import type { Channel } from '../../shared/ipc';
import { auditHandlers } from './audit-handlers';
import { cliApprovalHandlers } from './cli-approval-handlers';
import { connectionHandlers } from './connection-handlers';
import { doctorHandlers } from './doctor-handlers';
import { disconnectHandlers } from './disconnect-handlers';
import { environmentHandlers } from './environment-handlers';
import type { HandlerBodies } from './handler';
import { journalHandlers } from './journal-handlers';
import { lifecycleHandlers } from './lifecycle-handlers';
import { secretHandlers } from './secret-handlers';
import { tenantHandlers } from './tenant-handlers';
import { tokenHandlers } from './token-handlers';
import { tokenRemoveHandlers } from './token-remove-handlers';
import { tokenWriteHandlers } from './token-write-handlers';
import { transferHandlers } from './transfer-handlers';
import { trayPinHandlers } from './tray-pin-handlers';
import { vaultAdminHandlers } from './vault-admin-handlers';
import { vaultHandlers } from './vault-handlers';
import { windowAdminHandlers } from './window-admin-handlers';
import { windowBackupHandlers } from './window-backup-handlers';
import { windowRecoveryKeyHandlers } from './window-recovery-key-handlers';
import { windowImportHandlers } from './window-import-handlers';
import { windowLifecycleHandlers } from './window-lifecycle-handlers';
import { windowStructureHandlers } from './window-structure-handlers';
import { windowTokenHandlers } from './window-token-handlers';

export const API_BODIES: HandlerBodies<Channel> = {
  ...vaultHandlers,
  ...vaultAdminHandlers,
  ...tokenHandlers,
  ...tenantHandlers,
  ...environmentHandlers,
  ...tokenWriteHandlers,
  ...tokenRemoveHandlers,
  ...secretHandlers,
  ...connectionHandlers,
  ...doctorHandlers,
  ...disconnectHandlers,
  ...lifecycleHandlers,
  ...journalHandlers,
  ...auditHandlers,
  ...transferHandlers,
  ...windowTokenHandlers,
  ...windowStructureHandlers,
  ...windowLifecycleHandlers,
  ...windowAdminHandlers,
  ...trayPinHandlers,
  ...windowImportHandlers,
  ...windowBackupHandlers,
  ...windowRecoveryKeyHandlers,
  ...cliApprovalHandlers,
};
