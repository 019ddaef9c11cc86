/**
 * createApiHandlers: one Result-returning handler per contract channel, pure of Electron.
 * Electron IPC, the browser test bridge and the CLI are thin callers of what this returns.
 */
import type { Channel } from '../../shared/ipc';
import type { AppContext } from './context';
import { makeHandler, type ApiHandlers, type HandlerBodies } from './handler';
import { tokenHandlers } from './token-handlers';
import { vaultHandlers } from './vault-handlers';

const BODIES: HandlerBodies<Channel> = { ...vaultHandlers, ...tokenHandlers };

export function createApiHandlers(context: AppContext): ApiHandlers {
  // Locking for any reason (user, idle, suspend) clears a copied secret that is still ours.
  context.session.onChange((event) => {
    if (event.state === 'locked') void context.clipboard.clearIfOurs();
  });
  return {
    'vault:status': makeHandler('vault:status', BODIES['vault:status'], context),
    'vault:create': makeHandler('vault:create', BODIES['vault:create'], context),
    'vault:unlock': makeHandler('vault:unlock', BODIES['vault:unlock'], context),
    'vault:lock': makeHandler('vault:lock', BODIES['vault:lock'], context),
    'tokens:list': makeHandler('tokens:list', BODIES['tokens:list'], context),
    'tokens:search': makeHandler('tokens:search', BODIES['tokens:search'], context),
    'token:copy': makeHandler('token:copy', BODIES['token:copy'], context),
    'token:reveal': makeHandler('token:reveal', BODIES['token:reveal'], context),
  };
}

export type { ApiHandlers, Handler } from './handler';
export type { AppContext, VaultEntryPoints } from './context';
export { createSessionState, type Session, type SessionState } from './session-state';
