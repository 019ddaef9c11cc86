/**
 * createApiHandlers: one Result-returning handler per contract channel, pure of Electron.
 * Electron IPC, the browser test bridge and the CLI are thin callers of what this returns.
 */
import type { Channel } from '../../shared/ipc';
import { API_BODIES } from './bodies';
import type { AppContext } from './context';
import { makeHandler, type ApiHandlers, type Handler } from './handler';

export function createApiHandlers(context: AppContext): ApiHandlers {
  // Locking for any reason (user, idle, suspend) clears a copied secret that is still ours.
  context.session.onChange((event) => {
    if (event.state === 'locked') void context.clipboard.clearIfOurs();
  });
  const handler = <C extends Channel>(channel: C): Handler<C> => makeHandler(channel, API_BODIES[channel], context);
  return {
    'vault:status': handler('vault:status'),
    'vault:create': handler('vault:create'),
    'vault:unlock': handler('vault:unlock'),
    'vault:lock': handler('vault:lock'),
    'vault:summary': handler('vault:summary'),
    'vault:change-password': handler('vault:change-password'),
    'tokens:list': handler('tokens:list'),
    'tokens:search': handler('tokens:search'),
    'token:copy': handler('token:copy'),
    'token:reveal': handler('token:reveal'),
    'tenants:list': handler('tenants:list'),
    'tenant:add': handler('tenant:add'),
    'tenant:remove': handler('tenant:remove'),
    'environments:list': handler('environments:list'),
    'environment:add': handler('environment:add'),
    'environment:remove': handler('environment:remove'),
    'token:add': handler('token:add'),
    'tokens:query': handler('tokens:query'),
    'token:history': handler('token:history'),
    'token:secret': handler('token:secret'),
    'token:copy-fresh': handler('token:copy-fresh'),
    'environment:secrets': handler('environment:secrets'),
    'connection:set': handler('connection:set'),
    'connection:doctor': handler('connection:doctor'),
    'token:create': handler('token:create'),
    'token:rotate': handler('token:rotate'),
    'token:revoke': handler('token:revoke'),
    'token:verify': handler('token:verify'),
    'audit:list': handler('audit:list'),
    'audit:verify': handler('audit:verify'),
    'import:dotenv': handler('import:dotenv'),
    'backup:export': handler('backup:export'),
    'backup:restore': handler('backup:restore'),
    'cli-approvals:pending': handler('cli-approvals:pending'),
    'cli-approval:answer': handler('cli-approval:answer'),
  };
}

export type { ApiHandlers, Handler } from './handler';
export type { AppContext, VaultEntryPoints } from './context';
export { API_BODIES } from './bodies';
export { makeHandler } from './handler';
export type { ProgressEvent, ProgressPort } from './progress';
export { createSessionState, type Session, type SessionState } from './session-state';
