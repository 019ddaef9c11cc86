/**
 * BENCH ONLY: a throwaway `pass` store for `pass show`: its own GNUPGHOME with a passphrase-less
 * key (so gpg-agent asks nothing), `pass init`, the probe entry inserted by `pass insert`, and the
 * store filled to the vault's size with copies of one encrypted filler entry (`pass show` opens
 * only the file it is asked for, so the copies change nothing but the store's size, which is the
 * point of filling it). Installs pass and gnupg with apt-get if missing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PassStore {
  readonly env: NodeJS.ProcessEnv;
  /** The entry's name for `pass show`. */
  readonly probe: string;
  remove(): void;
}

const KEY = 'keyturn-bench@example.invalid';

export function ensurePass(): void {
  if (spawnSync('pass', ['version']).status === 0 && spawnSync('gpg', ['--version']).status === 0) return;
  console.log('pass or gnupg missing: apt-get install -y pass gnupg');
  const install = spawnSync('apt-get', ['install', '-y', '-q', 'pass', 'gnupg'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (install.status !== 0) throw new Error('Could not install pass and gnupg (run as root, or install them yourself)');
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, input = ''): void {
  const result = spawnSync(command, args, { env, input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args[0] ?? ''} failed: ${result.stderr.slice(0, 300)}`);
}

/** A store of `size` entries where `probe` (tenant/label) holds `secret`. */
export function makePassStore(base: NodeJS.ProcessEnv, size: number, probe: string, secret: string): PassStore {
  const root = mkdtempSync(join(tmpdir(), 'keyturn-bench-pass-'));
  const gnupg = join(root, 'gnupg');
  const store = join(root, 'store');
  mkdirSync(gnupg);
  chmodSync(gnupg, 0o700);
  const env = { ...base, GNUPGHOME: gnupg, PASSWORD_STORE_DIR: store };
  run(
    'gpg',
    [
      '--batch',
      '--pinentry-mode',
      'loopback',
      '--passphrase',
      '',
      '--quick-gen-key',
      KEY,
      'default',
      'default',
      'never',
    ],
    env,
  );
  run('pass', ['init', KEY], env);
  run('pass', ['insert', '--multiline', probe], env, `${secret}\n`);
  run('pass', ['insert', '--multiline', 'filler'], env, 'filler-value\n');
  for (let i = 1; i < size; i += 1) {
    const folder = join(store, `tenant-${i % 10}`);
    if (i < 10) mkdirSync(folder, { recursive: true });
    copyFileSync(join(store, 'filler.gpg'), join(folder, `filler-${i}.gpg`));
  }
  return {
    env,
    probe,
    remove() {
      spawnSync('gpgconf', ['--homedir', gnupg, '--kill', 'gpg-agent'], { env });
      rmSync(root, { recursive: true, force: true });
    },
  };
}
