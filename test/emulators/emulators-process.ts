/**
 * `npm run emulators` as a user starts it, for tests: a real `npm run` in its own process group,
 * ready once it prints its last line; its DIR/env.sh read back as variables.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface EmulatorsProcess {
  /** The variables DIR/env.sh exports. */
  readonly variables: Readonly<Record<string, string>>;
  readonly output: string;
  stop(): Promise<void>;
}

/** Reads `export NAME='value'` lines (single quotes, `'\''` inside) back into values. */
export function readEnvFile(path: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^export ([A-Z_][A-Z0-9_]*)='(.*)'$/.exec(line);
    if (match) variables[match[1] ?? ''] = (match[2] ?? '').replace(/'\\''/g, "'");
  }
  return variables;
}

export async function startEmulatorsProcess(dir: string, extraArgs: readonly string[] = []): Promise<EmulatorsProcess> {
  const child = spawn('npm', ['run', '--silent', 'emulators', '--', '--dir', dir, ...extraArgs], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString('utf8');
      if (output.includes('Press Ctrl-C to stop.')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`npm run emulators exited ${code}: ${output}`)));
  });
  return {
    variables: readEnvFile(join(dir, 'env.sh')),
    output,
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}
