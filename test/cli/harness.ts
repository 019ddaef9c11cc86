/**
 * Black-box harness: builds the CLI bundle once (guarded by a lock directory so parallel test
 * files do not race), then spawns `node bin/keyturn.cjs` as a real child process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export { tempDir } from '../support/temp-dir';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'keyturn.cjs');
const BUNDLE = join(ROOT, 'out', 'cli', 'keyturn.cjs');
const LOCK = join(ROOT, 'out', '.cli-build-lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  try {
    const built = statSync(BUNDLE).mtimeMs;
    return built >= newestSource(join(ROOT, 'src'));
  } catch {
    return false;
  }
}

/** Builds out/cli unless it is newer than every source file. */
export async function ensureBuilt(): Promise<void> {
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  for (let attempt = 0; attempt < 600; attempt += 1) {
    try {
      mkdirSync(LOCK);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      if (!isFresh()) {
        const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { encoding: 'utf8' });
        if (result.status !== 0) throw new Error(`CLI build failed: ${result.stderr}`);
      }
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
  throw new Error('Timed out waiting for the CLI build lock');
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly stdin?: string;
  readonly env?: Record<string, string | undefined>;
  readonly cwd?: string;
}

/** A clean environment: no KEYTURN_* leaking in from the developer's shell. */
export function baseEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const merged = { ...process.env, ...extra };
  return Object.fromEntries(
    Object.entries(merged).filter(
      (e): e is [string, string] => e[1] !== undefined && (!e[0].startsWith('KEYTURN_') || e[0] in extra),
    ),
  );
}

export function keyturn(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // `--` as bin/keyturn.cjs's shebang passes it: Node then reads no option of its own from args.
    const child = spawn(process.execPath, ['--', BIN, ...args], {
      env: baseEnv(options.env),
      cwd: options.cwd ?? ROOT,
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** A fingerprint of every file in a directory (vault.db, -wal, -shm), to prove nothing changed. */
export function hashDir(dir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) hash.update(name).update(readFileSync(path));
  }
  return hash.digest('hex');
}

/**
 * A fresh vault through the CLI, as a user makes one: `init --kdf floor`, then `tenant add` and
 * `env add` for each TENANT/ENV in `environments`. Throws with keyturn's stderr if a step fails.
 */
export async function initVault(options: RunOptions, environments: readonly string[]): Promise<void> {
  const tenants = [...new Set(environments.map((ref) => ref.split('/')[0] ?? ''))];
  const steps = [
    ['init', '--kdf', 'floor'],
    ...tenants.map((tenant) => ['tenant', 'add', tenant]),
    ...environments.map((ref) => ['env', 'add', ref]),
  ];
  for (const args of steps) {
    const result = await keyturn(args, options);
    if (result.code !== 0) throw new Error(`keyturn ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  }
}
