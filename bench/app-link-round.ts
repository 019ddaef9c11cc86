/**
 * BENCH ONLY: `keyturn get` through the running app (issue 15) against `pass show` and
 * `keepassxc-cli show`, interleaved in one run. The app is bench/app-link-server.ts (main's
 * endpoint and handlers under Node) serving the round's vault; the client is the shipped launcher
 * (bin/keyturn.cjs, its fast path) with no password anywhere. Its first request is approved in the
 * warm-up run and remembered, as a terminal session's would be.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePass, makePassStore } from './pass-store';

export interface TimedCommand {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly input?: string;
  readonly expect?: string;
}

export type Medians = (
  commands: readonly TimedCommand[],
  runs: number,
  pairs?: readonly [string, string][],
) => Record<string, number>;

export interface AppRound {
  readonly root: string;
  readonly baseEnv: NodeJS.ProcessEnv;
  readonly size: number;
  /** The round's vault (cheap KDF: the app is unlocked already, so the KDF is not timed) and its password. */
  readonly vault: string;
  readonly password: string;
  /** A folder of the round's own: the app's data folder is `dir/Keyturn`. */
  readonly dir: string;
  readonly probe: { readonly ref: string; readonly title: string; readonly secret: string };
  readonly kdbx: string;
  readonly runs: number;
}

export interface AppRoundResult {
  /** `node -e 0` in the same run: the floor of any Node client. */
  readonly node: number;
  readonly app: number;
  readonly pass: number;
  readonly keepassxc: number;
  /** Medians of the per-round ratios. */
  readonly appOverPass: number;
  readonly appOverKeepassxc: number;
}

async function startApp(round: AppRound, data: string): Promise<() => Promise<void>> {
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', join(round.root, 'bench', 'app-link-server.ts'), round.vault, data, round.password],
    { cwd: round.root, env: round.baseEnv, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    server.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('ready')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`the app link server exited ${code}`)));
  });
  return () =>
    new Promise<void>((resolve) => {
      server.once('exit', () => resolve());
      server.stdin.end();
    });
}

export async function measureThroughApp(round: AppRound, medians: Medians): Promise<AppRoundResult> {
  ensurePass();
  const data = join(round.dir, 'Keyturn');
  mkdirSync(data, { recursive: true });
  const pass = makePassStore(round.baseEnv, round.size, `tenant-0/${round.probe.title}`, round.probe.secret);
  const stop = await startApp(round, data);
  try {
    // No password anywhere: whatever it prints, the app gave it.
    const clientEnv: NodeJS.ProcessEnv = {
      ...Object.fromEntries(Object.entries(round.baseEnv).filter(([name]) => !name.startsWith('KEYTURN_'))),
      XDG_CONFIG_HOME: round.dir,
      KEYTURN_VAULT: round.vault,
    };
    const m = medians(
      [
        {
          name: 'app',
          command: process.execPath,
          args: [join(round.root, 'bin', 'keyturn.cjs'), 'get', round.probe.ref],
          env: clientEnv,
          expect: round.probe.secret,
        },
        { name: 'pass', command: 'pass', args: ['show', pass.probe], env: pass.env, expect: round.probe.secret },
        { name: 'node', command: process.execPath, args: ['-e', '0'], env: clientEnv },
        {
          name: 'keepassxc',
          command: 'keepassxc-cli',
          args: ['show', '-q', '-a', 'Password', round.kdbx, round.probe.title],
          env: round.baseEnv,
          input: `${round.password}\n`,
          expect: round.probe.secret,
        },
      ],
      round.runs,
      [
        ['app', 'pass'],
        ['app', 'keepassxc'],
      ],
    );
    return {
      node: m.node ?? NaN,
      app: m.app ?? NaN,
      pass: m.pass ?? NaN,
      keepassxc: m.keepassxc ?? NaN,
      appOverPass: m['app/pass'] ?? NaN,
      appOverKeepassxc: m['app/keepassxc'] ?? NaN,
    };
  } finally {
    await stop();
    pass.remove();
  }
}
