/**
 * scripts/check-fuses.mjs, which the release workflow runs on every built app, against a real
 * fuse wire: a file laid out as Electron lays its fuses out (sentinel, version, length, states),
 * flipped by @electron/fuses as electron-builder flips the real binary, read back by the script.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, type FuseConfig } from '@electron/fuses';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkFuses, expectedFuses, fuseIndex } from '../../scripts/check-fuses.mjs';
import { tempDir } from '../support/temp-dir';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_COUNT = 8;
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses: Record<string, boolean> };

/** A stand-in Electron binary whose fuses are all on, as in a stock Electron download. */
function fakeElectron(path: string): string {
  const wire = Buffer.from([1, FUSE_COUNT, ...Array<number>(FUSE_COUNT).fill(49)]);
  writeFileSync(path, Buffer.concat([Buffer.alloc(64, 7), Buffer.from(SENTINEL), wire, Buffer.alloc(64, 7)]));
  return path;
}

/** What electron-builder does with `electronFuses` at packaging. */
async function flipAsBuilder(path: string, fuses: Record<string, boolean>): Promise<void> {
  const wire: FuseConfig = { version: FuseVersion.V1 };
  for (const [key, on] of Object.entries(fuses)) (wire as Record<number, boolean>)[fuseIndex(key)] = on;
  await flipFuses(path, wire);
}

describe('check-fuses', () => {
  it('electron-builder.yml sets every fuse Electron has, so none is left to its default', () => {
    const names = Object.values(FuseV1Options).filter((value) => typeof value === 'string');
    expect(names).toHaveLength(FUSE_COUNT);
    expect(Object.keys(config.electronFuses).map(fuseIndex).sort()).toEqual([...Array(FUSE_COUNT).keys()]);
  });

  it('passes a release build flipped as configured and fails it as the smoke variant', async () => {
    const app = fakeElectron(join(tempDir('fuses'), 'keyturn-app'));
    await flipAsBuilder(app, config.electronFuses);
    expect(await checkFuses([app], 'release')).toEqual([{ app, mismatches: [] }]);
    expect((await checkFuses([app], 'smoke'))[0]?.mismatches).toEqual([
      { fuse: 'enableNodeCliInspectArguments', expected: 'on', actual: 'off' },
    ]);
  });

  it('passes the smoke variant only with the inspect fuse on, and that build is no release', async () => {
    const app = fakeElectron(join(tempDir('fuses'), 'keyturn-app'));
    await flipAsBuilder(app, expectedFuses(config, 'smoke'));
    expect((await checkFuses([app], 'smoke'))[0]?.mismatches).toEqual([]);
    expect((await checkFuses([app], 'release'))[0]?.mismatches).toEqual([
      { fuse: 'enableNodeCliInspectArguments', expected: 'off', actual: 'on' },
    ]);
  });

  it('reads a macOS bundle, where the fuses live in the Electron Framework', async () => {
    const bundle = join(tempDir('fuses'), 'Keyturn.app');
    const framework = join(bundle, 'Contents', 'Frameworks', 'Electron Framework.framework');
    mkdirSync(framework, { recursive: true });
    fakeElectron(join(framework, 'Electron Framework'));
    await flipAsBuilder(bundle, config.electronFuses);
    expect((await checkFuses([bundle], 'release'))[0]?.mismatches).toEqual([]);
  });

  it('exits 1 naming each wrong fuse, 0 when all match (as the workflow runs it)', async () => {
    const dir = tempDir('fuses');
    const good = fakeElectron(join(dir, 'good'));
    const stock = fakeElectron(join(dir, 'stock'));
    await flipAsBuilder(good, config.electronFuses);
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['scripts/check-fuses.mjs', ...args], { encoding: 'utf8' });

    const ok = run(good);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`fuses ok (release): ${good}`);

    const bad = run('--variant', 'release', good, stock);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`fuse runAsNode is on, electron-builder.yml wants off: ${stock}`);
    expect(bad.stderr).toContain(`fuse enableNodeCliInspectArguments is on, electron-builder.yml wants off: ${stock}`);
    expect(bad.stderr).not.toContain(good);

    expect(run('--variant', 'nightly', good).status).toBe(2);
  });
});
