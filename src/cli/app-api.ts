/**
 * A command's CliApi through the running app, when there is one (docs/cli.md, App integration):
 * `get`, `run` and `env` ask the app, which asks the user once per terminal session, instead of
 * unlocking the vault here. Null means "no app": the command unlocks the vault itself.
 */
import { APP_LINK_CHANNELS, type AppLinkChannel } from '../shared/app-link-constants';
import { KeyturnError } from '../shared/errors';
import type { Channel } from '../shared/ipc';
import type { CliApi } from './api';
import { openAppLink, type AppLinkClient } from './app-client';
import type { Context } from './context';

export interface AppSession {
  readonly api: CliApi;
  close(): void;
}

function isAppLinkChannel(channel: Channel): channel is AppLinkChannel {
  return (APP_LINK_CHANNELS as readonly Channel[]).includes(channel);
}

function appApi(link: AppLinkClient): CliApi {
  return {
    async call(channel, input) {
      // Commands that come here call only these; anything else is a bug, never a silent fallback.
      if (!isAppLinkChannel(channel)) throw new KeyturnError('INTERNAL', `${channel} does not go through the app`);
      const result = await link.call(channel, input);
      if (result.ok) return result.value as never;
      const { code, message, retryAfterSeconds } = result.error;
      throw new KeyturnError(code, message, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });
    },
  };
}

/**
 * The app's api for this command, or null to unlock directly: with --no-app or KEYTURN_NO_APP=1,
 * when a password was given (--password-stdin, KEYTURN_PASSWORD: the caller chose how to unlock),
 * and when no app answers for this vault. A locked app is an error (exit 3), not a fallback.
 */
export async function appSession(ctx: Context, command: string): Promise<AppSession | null> {
  if (!ctx.useApp) return null;
  const opening = await openAppLink({ vaultPath: ctx.vaultPath, env: ctx.io.env, command });
  if (opening.kind === 'absent') {
    if (opening.warning !== undefined) ctx.out.note(`keyturn: warning: ${opening.warning}`);
    return null;
  }
  if (opening.kind === 'refused') throw new KeyturnError(opening.error.code, opening.error.message);
  return { api: appApi(opening.link), close: () => opening.link.close() };
}
