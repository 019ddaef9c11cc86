/**
 * `keyturn copy REF`: copy a fresh secret and clear it after the delay, only if the clipboard
 * still holds it. The delay runs in a detached helper (this bundle with `__clear-clipboard`)
 * that receives only the value's SHA-256 on stdin: the secret is never in its argv, environment or memory.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { KeyturnError } from '../../shared/errors';
import type { SecretClipboard } from '../../main/api/ports';
import { withApi } from '../api';
import { parseCommand, parseCount } from '../args';
import { digestOf, findClipboardTool, holdsDigest, type ClipboardTool } from '../clipboard-tool';
import type { Context } from '../context';
import { parseTokenRef } from '../ref';
import { withoutSecretSettings } from '../secret-env';

const DEFAULT_CLEAR_SECONDS = 20;

/** Where the pending clearer records its pid, so `keyturn lock` can clear now. */
export function clearerPidFile(env: NodeJS.ProcessEnv): string {
  const user = (() => {
    try {
      return String(userInfo().uid);
    } catch {
      return 'user';
    }
  })();
  return join(env.KEYTURN_RUNTIME_DIR ?? tmpdir(), `keyturn-clipboard-${user}.pid`);
}

function requireTool(ctx: Context): ClipboardTool {
  const tool = findClipboardTool(ctx.io.env);
  if (!tool) {
    throw new KeyturnError('NOT_FOUND', 'No clipboard here: install wl-clipboard, xclip or xsel (or use keyturn get)');
  }
  return tool;
}

/** The helper gets only the value's SHA-256 (on stdin): it never holds the secret while it waits. */
function startClearer(ctx: Context, value: string, seconds: number): void {
  const child = spawn(process.execPath, [ctx.selfPath, '__clear-clipboard', String(seconds)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    env: withoutSecretSettings(ctx.io.env),
  });
  child.stdin?.end(digestOf(value));
  child.unref();
}

/** The pending clearer's pid, if one is waiting. */
export function pendingClearer(env: NodeJS.ProcessEnv): number | null {
  try {
    const pid = Number(readFileSync(clearerPidFile(env), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Asks the pending clearer to clear now (it clears only if the clipboard still holds our value). */
export function clearPendingNow(env: NodeJS.ProcessEnv): boolean {
  const pid = pendingClearer(env);
  if (pid === null) return false;
  try {
    process.kill(pid, 'SIGTERM');
    return true;
  } catch {
    return false; // the clearer already finished
  }
}

/**
 * The api's clipboard port under plain Node: the platform tool writes, and a detached helper
 * (outliving this process) clears after the delay if the clipboard still holds the value.
 */
export function toolClipboard(ctx: Context, tool: ClipboardTool): SecretClipboard {
  return {
    copy(value, options) {
      const seconds = Math.max(1, Math.round((options?.clearAfterMs ?? DEFAULT_CLEAR_SECONDS * 1000) / 1000));
      tool.write(value);
      startClearer(ctx, value, seconds);
      return Promise.resolve({ clearsAt: Date.now() + seconds * 1000 });
    },
    clearIfOurs() {
      clearPendingNow(ctx.io.env);
      return Promise.resolve();
    },
  };
}

export async function copyCommand(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    args,
    { 'clear-after': { type: 'string' } },
    { min: 1, max: 1, names: 'REF' },
  );
  const ref = parseTokenRef(positionals[0] ?? '');
  const clearAfter = values['clear-after'];
  const seconds = clearAfter === undefined ? undefined : parseCount(clearAfter, '--clear-after');
  const tool = requireTool(ctx);
  const receipt = await withApi(
    ctx,
    (api) =>
      api.call('token:copy-fresh', {
        token: { ref },
        ...(seconds === undefined ? {} : { clearAfterSeconds: seconds }),
      }),
    { clipboard: toolClipboard(ctx, tool) },
  );
  ctx.out.data(
    { ref: positionals[0], clearsAt: receipt.clearsAt, tool: tool.name },
    () => `Copied; the clipboard clears in ${Math.round(receipt.clearAfterMs / 1000)} s`,
  );
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** The detached helper: wait, then clear if the clipboard still holds the value; SIGTERM clears now. */
export async function clearClipboardHelper(ctx: Context, args: string[]): Promise<number> {
  const seconds = Number(args[0] ?? DEFAULT_CLEAR_SECONDS);
  const digest = (await readAll(ctx.io.stdin)).trim();
  const tool = findClipboardTool(ctx.io.env);
  if (!tool || !/^[0-9a-f]{64}$/.test(digest)) return 1;
  const pidFile = clearerPidFile(ctx.io.env);
  writeFileSync(pidFile, String(process.pid), { mode: 0o600 });
  const clear = (): void => {
    if (holdsDigest(tool.read(), digest)) tool.write('');
    try {
      if (readFileSync(pidFile, 'utf8') === String(process.pid)) rmSync(pidFile);
    } catch {
      // already gone
    }
  };
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, seconds * 1000);
    process.once('SIGTERM', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  clear();
  return 0;
}
