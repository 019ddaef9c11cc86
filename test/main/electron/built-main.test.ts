/**
 * The built main process (out/main/index.js, from `npm run build`) loaded by plain Node, with the
 * 'electron' specifier resolved to a fake module (a Node module-resolution hook). Reaching the
 * window and answering from a real vault file proves the bundle links as shipped: ES modules, its
 * chunks, its external packages, and the native better-sqlite3 and @node-rs/argon2 addons.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVault } from '../../../src/main/vault/index';
import { tempDir } from '../../support/temp-dir';

const BUILT = resolve('out/main/index.js');
const PASSWORD = 'correct horse battery';

let dir: string;

beforeAll(async () => {
  dir = tempDir('built-main');
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
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
  );
});

interface Run {
  readonly events: Record<string, unknown>[];
  readonly stderr: string;
  readonly status: number | null;
}

function runBuiltMain(vaultPath: string, steps: [string, unknown][]): Run {
  const child = spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), BUILT], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env['PATH'],
      HOME: dir,
      KEYTURN_VAULT: vaultPath,
      FAKE_ELECTRON_APP_PATH: resolve('.'),
      FAKE_ELECTRON_USER_DATA: join(dir, 'userData'),
      FAKE_ELECTRON_STEPS: JSON.stringify(steps),
      // No session bus here: the Linux screen-lock listener must say so and carry on.
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-bus')}`,
    },
  });
  const events = child.stdout
    .split('\n')
    .filter((line) => line.startsWith('fake-electron '))
    .map((line) => JSON.parse(line.slice('fake-electron '.length)) as Record<string, unknown>);
  return { events, stderr: child.stderr, status: child.status };
}

describe('the built main process under Node with a fake electron module', () => {
  it('links, opens the window on app://, answers from a real vault, and quits cleanly', () => {
    expect(existsSync(BUILT)).toBe(true);
    const vaultPath = join(dir, 'vault.db');
    const { vault } = createVault(vaultPath, PASSWORD, { kdf: 'floor' });
    const environment = vault.addEnvironment(vault.addTenant('Acme').id, 'prod', 'production');
    vault.addToken({
      environmentId: environment.id,
      label: 'api',
      kind: 'api-key',
      provider: 'manual',
      secret: 'sk-1',
    });
    vault.lock();

    const run = runBuiltMain(vaultPath, [
      ['vault:status', {}],
      ['vault:unlock', { password: PASSWORD }],
      ['tokens:list', {}],
    ]);
    const logs = run.events.flatMap((event) => (typeof event['log'] === 'string' ? [event['log']] : []));
    const answers = run.events.filter((event) => 'channel' in event);

    expect(logs).toContain('window.loadURL app://keyturn/index.html');
    expect(logs.some((line) => line.startsWith('BrowserWindow.new'))).toBe(true);
    expect(answers[0]).toMatchObject({ answer: { ok: true, value: { state: 'locked', tokenCount: 1 } } });
    expect(answers[1]).toMatchObject({ answer: { ok: true } });
    expect(answers[2]).toMatchObject({ answer: { ok: true, value: [{ label: 'api' }] } });
    expect(run.events.at(-1)).toEqual({ exit: 0 });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/No session bus/);
    console.log(
      `built main: ${logs.length} Electron calls, window reached, ${answers.length} answers, exit ${run.status}`,
    );
  });
});
