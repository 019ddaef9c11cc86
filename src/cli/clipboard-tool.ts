/**
 * The platform's clipboard under plain Node: wl-copy/wl-paste, xclip, xsel, pbcopy/pbpaste,
 * clip.exe (+ PowerShell to read). No tool, no clipboard: a clear error, never a fake success.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { KeyturnError } from '../shared/errors';

export interface ClipboardTool {
  readonly name: string;
  write(value: string): void;
  /** The current text, or null when it cannot be read. */
  read(): string | null;
}

type Command = readonly [string, ...string[]];

function onPath(file: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, file);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

function tool(name: string, write: Command, read: Command | null, env: NodeJS.ProcessEnv): ClipboardTool {
  const [writeFile, ...writeArgs] = write;
  return {
    name,
    write(value) {
      const result = spawnSync(writeFile, writeArgs, {
        input: value,
        env,
        stdio: ['pipe', 'ignore', 'ignore'],
        timeout: 5_000,
      });
      if (result.status !== 0) throw new KeyturnError('INTERNAL', `The clipboard tool ${name} failed`);
    },
    read() {
      if (!read) return null;
      const [readFile, ...readArgs] = read;
      const result = spawnSync(readFile, readArgs, {
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 5_000,
      });
      return result.status === 0 ? result.stdout : null;
    },
  };
}

export function findClipboardTool(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): ClipboardTool | null {
  const has = (file: string): string | null => onPath(file, env);
  if (platform === 'darwin') {
    const copy = has('pbcopy');
    return copy ? tool('pbcopy', [copy], has('pbpaste') ? ['pbpaste'] : null, env) : null;
  }
  if (env.WAYLAND_DISPLAY) {
    const copy = has('wl-copy');
    const paste = has('wl-paste');
    if (copy) return tool('wl-copy', [copy], paste ? [paste, '--no-newline'] : null, env);
  }
  if (env.DISPLAY || env.WAYLAND_DISPLAY) {
    const xclip = has('xclip');
    if (xclip) return tool('xclip', [xclip, '-selection', 'clipboard'], [xclip, '-selection', 'clipboard', '-o'], env);
    const xsel = has('xsel');
    if (xsel) return tool('xsel', [xsel, '--clipboard', '--input'], [xsel, '--clipboard', '--output'], env);
  }
  const clip = has('clip.exe') ?? (platform === 'win32' ? has('clip') : null);
  if (clip) {
    const ps = has('powershell.exe') ?? has('powershell');
    return tool('clip.exe', [clip], ps ? [ps, '-NoProfile', '-Command', 'Get-Clipboard -Raw'] : null, env);
  }
  return null;
}

/** The SHA-256 a clearer keeps instead of the secret itself, hex. */
export function digestOf(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Does the clipboard still hold the value with this digest? (Tools may add a trailing newline when reading.) */
export function holdsDigest(current: string | null, digest: string): boolean {
  if (current === null) return false;
  return digestOf(current) === digest || digestOf(current.replace(/\r?\n$/, '')) === digest;
}
