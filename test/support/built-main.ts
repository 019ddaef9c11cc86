/**
 * Runs a built main process (out/main/index.js, or a staged copy) under plain Node with the
 * 'electron' specifier resolved to test/support/fake-electron-module.ts (compiled here with
 * esbuild), through a Node module-resolution hook. The fake drives the window's steps and quits.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createVault } from '../../src/main/vault/index';
import { tempDir } from './temp-dir';

export interface BuiltMainRun {
  /** Every `fake-electron {json}` line the child printed, parsed. */
  readonly events: Record<string, unknown>[];
  readonly logs: string[];
  readonly answers: Record<string, unknown>[];
  readonly stderr: string;
  readonly status: number | null;
}

/** Compiles the fake electron module and the hook that maps 'electron' to it; returns the --import file. */
export async function prepareFakeElectron(): Promise<string> {
  const dir = tempDir('fake-electron');
  await build({
    entryPoints: [resolve('test/support/fake-electron-module.ts')],
    outfile: join(dir, 'fake-electron.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  const fakeUrl = pathToFileURL(join(dir, 'fake-electron.mjs')).href;
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `export async function resolve(specifier, context, next) {
  return specifier === 'electron' ? { url: ${JSON.stringify(fakeUrl)}, shortCircuit: true } : next(specifier, context);
}
`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
  );
  return register;
}

/** A locked vault with one token, at the production KDF floor (the app refuses less). */
export function seedBuiltMainVault(path: string, password: string): void {
  const { vault } = createVault(path, password, { kdf: 'floor' });
  const environment = vault.addEnvironment(vault.addTenant('Acme').id, 'prod', 'production');
  vault.addToken({ environmentId: environment.id, label: 'api', kind: 'api-key', provider: 'manual', secret: 'sk-1' });
  vault.lock();
}

export function runBuiltMain(options: {
  readonly register: string;
  /** The folder holding package.json and out/ (the repository, or a staged app). */
  readonly appPath: string;
  readonly vaultPath: string;
  readonly steps: [string, unknown][];
}): BuiltMainRun {
  const dir = tempDir('built-main-run');
  const child = spawnSync(
    process.execPath,
    ['--import', options.register, join(options.appPath, 'out', 'main', 'index.js')],
    {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env['PATH'],
        HOME: dir,
        KEYTURN_VAULT: options.vaultPath,
        FAKE_ELECTRON_APP_PATH: options.appPath,
        FAKE_ELECTRON_USER_DATA: join(dir, 'userData'),
        FAKE_ELECTRON_STEPS: JSON.stringify(options.steps),
        // No session bus here: the Linux screen-lock listener must say so and carry on.
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-bus')}`,
      },
    },
  );
  const events = child.stdout
    .split('\n')
    .filter((line) => line.startsWith('fake-electron '))
    .map((line) => JSON.parse(line.slice('fake-electron '.length)) as Record<string, unknown>);
  return {
    events,
    logs: events.flatMap((event) => (typeof event['log'] === 'string' ? [event['log']] : [])),
    answers: events.filter((event) => 'channel' in event),
    stderr: child.stderr,
    status: child.status,
  };
}
