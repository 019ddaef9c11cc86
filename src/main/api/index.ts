/**
 * createApiHandlers: one Result-returning handler per contract channel, pure of Electron.
 * Electron IPC, the browser test bridge and the CLI are thin callers of what this returns.
 * With `context.events`, the window hears of session changes and of every change it shows.
 */
import { CHANNELS, type Channel } from '../../shared/ipc';
import { API_BODIES } from './bodies';
import { CHANGE_SCOPES } from './change-scopes';
import type { AppContext } from './context';
import { makeHandler, type ApiHandlers, type Handler } from './handler';
import { forgetSecretFiles } from './pending-files';
import { forgetTokenWindows } from './token-window';

export function createApiHandlers(context: AppContext): ApiHandlers {
  // Locking for any reason (user, idle, suspend) clears a copied secret that is still ours.
  context.session.onChange((event) => {
    // The window's query state holds decrypted metadata: it goes with the keys.
    if (event.state === 'locked') forgetTokenWindows();
    if (event.state === 'locked') void context.clipboard.clearIfOurs();
    // A previewed .env's values and a recovery key kept for saving go with the keys too.
    if (event.state === 'locked') forgetSecretFiles(context.session);
    context.events?.emit('session:changed', event);
  });
  return buildHandlers(context);
}

/**
 * The same handlers for another caller in the same app (the tray): its name goes into the audit
 * entries it causes ("tray"), so the audit viewer can say where a copy came from. Session events
 * stay with createApiHandlers, which must have been called once for the context.
 */
export function createCallerHandlers(context: AppContext, callerName: string): ApiHandlers {
  return buildHandlers({ ...context, callerName });
}

function buildHandlers(context: AppContext): ApiHandlers {
  const handlers = Object.fromEntries(CHANNELS.map((channel) => [channel, handlerFor(channel, context)]));
  // Built from CHANNELS, so every channel is there; the map's type pairs each with its handler.
  return handlers as unknown as ApiHandlers;
}

function handlerFor<C extends Channel>(channel: C, context: AppContext): Handler<C> {
  const handler = makeHandler(channel, API_BODIES[channel], context);
  const change = CHANGE_SCOPES[channel];
  const events = context.events;
  if (change === undefined || events === undefined) return handler;
  return async (input) => {
    const result = await handler(input);
    if (result.ok || change.evenOnError === true) for (const scope of change.scopes) events.changed(scope);
    return result;
  };
}

export type { ApiHandlers, Handler } from './handler';
export type { AppContext, VaultEntryPoints } from './context';
export { API_BODIES } from './bodies';
export { makeHandler } from './handler';
export { createWindowEvents, type WindowEvent, type WindowEvents } from './event-hub';
export type { ProgressEvent, ProgressPort } from './progress';
export { createSessionState, type Session, type SessionState } from './session-state';
