/**
 * The CLI's way into the core: the same api handler bodies as the app (src/main/api), wrapped
 * with makeHandler (input parsed by the channel's schema, Result out), over an AppContext whose
 * ports are the terminal's. Each command unlocks through 'vault:unlock' and locks when done.
 */
import { existsSync } from 'node:fs';
import { KeyturnError } from '../shared/errors';
import type { Channel, ChannelInput, ChannelOutput } from '../shared/ipc';
import { API_BODIES } from '../main/api/bodies';
import type { AppContext } from '../main/api/context';
import { makeHandler } from '../main/api/handler';
import { systemClock, type SecretClipboard } from '../main/api/ports';
import type { ProgressEvent } from '../main/api/progress';
import { createSessionState } from '../main/api/session-state';
import { readPassword, type Context } from './context';

export interface CliApi {
  /** Calls a handler; an error Result becomes a KeyturnError (mapped to an exit code by dispatch). */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
}

/** Commands other than `copy` have no clipboard: asking for one is a clear error, never a fake success. */
const NO_CLIPBOARD: SecretClipboard = {
  copy: () => Promise.reject(new KeyturnError('NOT_FOUND', 'No clipboard here')),
  clearIfOurs: () => Promise.resolve(),
};

export function renderProgress(event: ProgressEvent): string {
  switch (event.kind) {
    case 'call':
      return `${event.label}…`;
    case 'step':
      return `step: ${event.step}`;
    case 'provider':
      return event.message;
    case 'count':
      return event.total === null
        ? `${event.label} ${event.done} tokens`
        : `${event.label} ${event.done}/${event.total}`;
  }
}

async function appContext(ctx: Context, clipboard: SecretClipboard): Promise<AppContext> {
  const { createVaultAsync, openVault } = await import('../main/vault/index');
  return {
    vaultPath: ctx.vaultPath,
    vaults: { createVaultAsync, openVault },
    ...(ctx.kdfPolicy === undefined ? {} : { kdfPolicy: ctx.kdfPolicy }),
    session: createSessionState(),
    clock: systemClock(),
    clipboard,
    notifier: { notify: (title, body) => ctx.out.note(`${title}: ${body}`) },
    progress: (event) => ctx.out.progress(renderProgress(event)),
    callerName: 'CLI',
  };
}

function cliApi(app: AppContext): CliApi {
  return {
    async call(channel, input) {
      const result = await makeHandler(channel, API_BODIES[channel], app)(input);
      if (result.ok) return result.value;
      const { code, message, retryAfterSeconds } = result.error;
      throw new KeyturnError(code, message, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });
    },
  };
}

/**
 * Locks at the end of a command. The outcome of a command is the outcome of its change: a lock the
 * audit log could not record (a full disk after the change committed) is a warning on stderr and
 * leaves the exit code alone, so a script does not retry a change that was made.
 */
function lockAndWarn(ctx: Context, app: AppContext): void {
  const locked = app.session.lock('user');
  if (!locked.recorded) ctx.out.note(`keyturn: warning: ${locked.warning}`);
}

export interface ApiOptions {
  readonly clipboard?: SecretClipboard;
  /**
   * The command as the approval prompt shows it (`get`, `run npm`, `env`), for commands that may
   * go through the running app (docs/cli.md, App integration); they call app-link channels only.
   */
  readonly viaApp?: string;
}

/** VAULT_NOT_FOUND (exit 4) naming the path and the way out, before any password is asked. */
export function assertVaultExists(ctx: Context): void {
  if (existsSync(ctx.vaultPath)) return;
  throw new KeyturnError(
    'VAULT_NOT_FOUND',
    `No vault at ${ctx.vaultPath}: create one with \`keyturn init\`, or point --vault or KEYTURN_VAULT at yours`,
  );
}

/** The api without unlocking (init, status): the session stays locked unless a handler opens it. */
export async function withLockedApi<T>(ctx: Context, work: (api: CliApi) => Promise<T> | T): Promise<T> {
  const app = await appContext(ctx, NO_CLIPBOARD);
  try {
    return await work(cliApi(app));
  } finally {
    lockAndWarn(ctx, app);
  }
}

/** Unlocks through 'vault:unlock', runs `work`, and always locks (keys zeroed, file closed). */
export async function withApi<T>(
  ctx: Context,
  work: (api: CliApi) => Promise<T> | T,
  options: ApiOptions = {},
): Promise<T> {
  if (options.viaApp !== undefined) {
    const { appSession } = await import('./app-api');
    const session = await appSession(ctx, options.viaApp);
    if (session !== null) {
      try {
        return await work(session.api);
      } finally {
        session.close();
      }
    }
  }
  // No password is asked for a vault that is not there.
  assertVaultExists(ctx);
  const app = await appContext(ctx, options.clipboard ?? NO_CLIPBOARD);
  const api = cliApi(app);
  try {
    await api.call('vault:unlock', { password: await readPassword(ctx) });
    return await work(api);
  } finally {
    lockAndWarn(ctx, app);
  }
}
