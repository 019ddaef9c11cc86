/**
 * What `npm run emulators` keeps between starts, in its folder (default `.emulators/`): the
 * secret the seed credentials derive from and the ports (state.json), and the shell variables
 * for the demo (env.sh). Both owner-only: the credentials are fake, but they are credentials.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { StableSeed } from './stable-seed';

const stateSchema = z
  .object({
    secret: z.string().min(16).max(200),
    issuedAt: z.number().int().nonnegative(),
    ports: z.record(z.string(), z.number().int().min(1).max(65_535)),
  })
  .strict();

export type SavedState = z.infer<typeof stateSchema>;

function writeOwnerOnly(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  renameSync(temp, path);
}

/** The saved state, or a new one (no file, an unreadable one, or `fresh`). */
export function loadState(dir: string, fresh: boolean): SavedState {
  if (!fresh) {
    try {
      return stateSchema.parse(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')));
    } catch {
      // first start, or a file we cannot trust: start over
    }
  }
  return { secret: randomBytes(32).toString('base64url'), issuedAt: Date.now(), ports: {} };
}

export function saveState(dir: string, state: SavedState): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeOwnerOnly(join(dir, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
}

export function stableSeedOf(state: SavedState): StableSeed {
  return { secret: state.secret, issuedAt: state.issuedAt };
}

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** Writes `export NAME='value'` lines to DIR/env.sh and returns its path. */
export function writeEnvFile(dir: string, variables: readonly (readonly [string, string])[]): string {
  const path = join(dir, 'env.sh');
  const lines = [
    '# Written by `npm run emulators`: the local provider emulators (fake credentials, 127.0.0.1 only).',
    ...variables.map(([name, value]) => `export ${name}=${shellQuote(value)}`),
  ];
  writeOwnerOnly(path, `${lines.join('\n')}\n`);
  return path;
}
