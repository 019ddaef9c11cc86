/** What every command receives: the process edge, output, and how to reach the vault. */
import { KeyturnError } from '../shared/errors';
import type { KdfPolicy } from '../main/vault/types';
import { wantsApp } from './app-choice';
import { promptHidden, StdinLines, type CliIo } from './io';
import type { Output } from './output';

export interface Context {
  readonly io: CliIo;
  readonly out: Output;
  readonly vaultPath: string;
  readonly passwordStdin: boolean;
  readonly stdin: StdinLines;
  /** The bundle's own entry, for helper processes (clipboard clearing). */
  readonly selfPath: string;
  /**
   * Omitted by the shipped binary (src/cli/main.ts), so the vault's production KDF policy
   * applies; only tests and the bench entry inject a cheap policy, as unit tests do.
   */
  readonly kdfPolicy?: KdfPolicy;
  /** Ask the running app first (get, run, env); false with --no-app or a given password. */
  readonly useApp: boolean;
}

export function createContext(
  io: CliIo,
  out: Output,
  vaultPath: string,
  passwordStdin: boolean,
  selfPath: string,
  kdfPolicy?: KdfPolicy,
  noApp = false,
): Context {
  const useApp = wantsApp(noApp, passwordStdin, io.env);
  const base = { io, out, vaultPath, passwordStdin, stdin: new StdinLines(io), selfPath, useApp };
  return kdfPolicy === undefined ? base : { ...base, kdfPolicy };
}

/** The master password: --password-stdin (first line), KEYTURN_PASSWORD, or a hidden prompt. */
export async function readPassword(ctx: Context, question = 'Master password: '): Promise<string> {
  if (ctx.passwordStdin) {
    const line = await ctx.stdin.nextLine();
    if (line === null || line === '') throw new KeyturnError('VAULT_LOCKED', 'No password on stdin');
    return line;
  }
  const fromEnv = ctx.io.env.KEYTURN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (ctx.stdin.isTty) return promptHidden(ctx.io, question);
  throw new KeyturnError('VAULT_LOCKED', 'No password: use a terminal, --password-stdin or KEYTURN_PASSWORD');
}

/** A secret the user supplies (a token, a provider password): hidden prompt on a TTY, else the next stdin line. */
export async function readSecret(ctx: Context, question: string): Promise<string> {
  const value = ctx.stdin.isTty ? await promptHidden(ctx.io, question) : await ctx.stdin.nextLine();
  if (value === null || value.trim() === '')
    throw new KeyturnError('INVALID_INPUT', `Nothing read for: ${question.replace(/:\s*$/, '')}`);
  return value.trim();
}
