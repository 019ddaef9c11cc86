/**
 * One build of better-sqlite3 per runtime, side by side (docs/native-modules.md): the packaged
 * app is made from a staged folder with real copies of the production node_modules, where
 * electron-builder rebuilds for Electron; `npm run dev` imports its own Electron build; the
 * repository's Node build (CLI, tests) is never touched. Electron's headers cannot be downloaded
 * here, so the rebuild in the staged folder is stood in for by what it does to that folder:
 * node-gyp empties build/ and writes another runtime's binary.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveConfig } from 'electron-vite';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addonPath,
  assertLoadsUnderNode,
  fileDigest,
  hasElectronBuild,
  readJson,
  resetDir,
} from '../../scripts/native-runtimes.mjs';
import { stageApp } from '../../scripts/stage-app.mjs';
import { keyturn } from '../cli/harness';
import { prepareFakeElectron, runBuiltMain, seedBuiltMainVault } from '../support/built-main';
import { tempDir } from '../support/temp-dir';

const ROOT = resolve('.');
let staged: string;

beforeAll(() => {
  staged = stageApp(ROOT, join(tempDir('stage'), 'app'));
});

describe('the staged app folder (electron-builder directories.app)', () => {
  it('holds package.json, the built out/ folders, the icons and the production node_modules only', () => {
    const pkg = readJson(join(staged, 'package.json')) as Record<string, unknown>;
    const root = readJson(join(ROOT, 'package.json')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: 'keyturn', productName: 'Keyturn', main: root['main'], type: 'module' });
    expect(pkg['dependencies']).toEqual(root['dependencies']);
    // electron-builder reads the staged package.json: it warns on a missing author.
    for (const field of ['author', 'homepage', 'repository']) expect(pkg[field]).toEqual(root[field]);
    expect(pkg).not.toHaveProperty('devDependencies');
    for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'resources/tray.png'])
      expect(existsSync(join(staged, file))).toBe(true);
    for (const name of Object.keys(root['dependencies'] as object))
      expect(existsSync(join(staged, 'node_modules', name, 'package.json'))).toBe(true);
    // better-sqlite3's own dependency, and no development tool.
    expect(existsSync(join(staged, 'node_modules', 'bindings'))).toBe(true);
    for (const dev of ['electron', 'vitest', 'typescript', 'electron-builder'])
      expect(existsSync(join(staged, 'node_modules', dev))).toBe(false);
  });

  it('is complete: the built main process runs from it alone, native addons included', async () => {
    const register = await prepareFakeElectron();
    const vaultPath = join(tempDir('stage-vault'), 'vault.db');
    seedBuiltMainVault(vaultPath, 'correct horse battery');
    const run = runBuiltMain({
      register,
      appPath: staged,
      vaultPath,
      steps: [
        ['vault:status', {}],
        ['vault:unlock', { password: 'correct horse battery' }],
      ],
    });
    expect(run.answers[0]).toMatchObject({ answer: { ok: true, value: { state: 'locked', tokenCount: 1 } } });
    expect(run.answers[1]).toMatchObject({ answer: { ok: true } });
    expect(run.status).toBe(0);
  });

  it("keeps the repository's Node build byte-for-byte, loading, and serving the CLI after a rebuild in the staged copy", async () => {
    const nodeBuild = addonPath(ROOT);
    const before = fileDigest(nodeBuild);
    expect(statSync(addonPath(staged)).ino).not.toBe(statSync(nodeBuild).ino);

    // What electron-builder's npmRebuild does in build/app: node-gyp clears build/ and compiles for
    // Electron's ABI. A binary Node cannot load stands in for the Electron one.
    rmSync(join(staged, 'node_modules', 'better-sqlite3', 'build'), { recursive: true });
    mkdirSync(join(staged, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true });
    writeFileSync(addonPath(staged), 'an addon built for NODE_MODULE_VERSION 140');
    expect(() => assertLoadsUnderNode(staged)).toThrow();

    expect(fileDigest(nodeBuild)).toBe(before);
    expect(assertLoadsUnderNode(ROOT)).toBe(process.versions.modules);
    const cli = await keyturn(['init', '--kdf', 'floor'], {
      env: { KEYTURN_VAULT: join(tempDir('stage-cli'), 'vault.db'), KEYTURN_PASSWORD: 'correct horse battery' },
    });
    expect(cli.code).toBe(0);
  });

  it('refuses to empty the repository or a folder that holds it', () => {
    expect(() => resetDir(ROOT, ROOT)).toThrow(/holds the repository/);
    expect(() => resetDir(resolve('..'), ROOT)).toThrow(/holds the repository/);
  });
});

describe("npm run dev's Electron build", () => {
  it('is imported by the dev main bundle only; a production build imports the bare name', async () => {
    const outputOf = async (command: 'serve' | 'build'): Promise<Record<string, unknown>> => {
      const resolved = await resolveConfig(
        { configFile: resolve('electron.vite.config.ts'), logLevel: 'silent' },
        command,
      );
      const build = resolved.config?.main?.build as { rollupOptions?: { output?: Record<string, unknown> } };
      return build.rollupOptions?.output ?? {};
    };
    const dev = (await outputOf('serve'))['paths'] as Record<string, string>;
    expect(dev['better-sqlite3']).toBe(
      new URL(`file://${join(ROOT, 'build/electron-dev/node_modules/better-sqlite3/lib/index.js')}`).href,
    );
    expect((await outputOf('build'))['paths']).toBeUndefined();
  });

  it('is rebuilt when Electron or the module changes version, and not otherwise', () => {
    const dir = join(tempDir('dev-natives'), 'electron-dev');
    mkdirSync(join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'better-sqlite3', 'package.json'), '{"version":"12.0.0"}');
    writeFileSync(addonPath(dir), 'electron build');
    expect(hasElectronBuild(dir, '45.4.1')).toBe(false);
    const stamp = {
      electron: '45.4.1',
      platform: process.platform,
      arch: process.arch,
      modules: { 'better-sqlite3': '12.0.0' },
    };
    writeFileSync(join(dir, 'electron-build.json'), JSON.stringify(stamp));
    expect(hasElectronBuild(dir, '45.4.1')).toBe(true);
    expect(hasElectronBuild(dir, '46.0.0')).toBe(false);
    writeFileSync(join(dir, 'node_modules', 'better-sqlite3', 'package.json'), '{"version":"12.1.0"}');
    expect(hasElectronBuild(dir, '45.4.1')).toBe(false);
  });
});

describe('npm run package', () => {
  it('runs through scripts/package.mjs, which checks the Node build afterwards', () => {
    const scripts = (readJson(join(ROOT, 'package.json')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['package', 'package:linux', 'package:mac', 'package:win'])
      expect(scripts[name]).toMatch(/^npm run build && node scripts\/package\.mjs/);
    expect(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')).toMatch(/^ {2}app: build\/app$/m);
  });
});
