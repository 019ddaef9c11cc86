/**
 * The release workflow builds exactly what electron-builder.yml configures (every target and
 * architecture, each on its own OS, none extra), finds the apps where electron-builder puts them,
 * and checks them in the order docs/release.md promises.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

type Platform = 'mac' | 'win' | 'linux';
interface TargetEntry {
  readonly target: string;
  readonly arch: readonly string[];
}
interface BuilderConfig {
  readonly productName: string;
  readonly mac: { readonly target: readonly TargetEntry[]; readonly extraResources: readonly { to: string }[] };
  readonly win: { readonly target: readonly TargetEntry[]; readonly extraResources: readonly { to: string }[] };
  readonly linux: {
    readonly target: readonly TargetEntry[];
    readonly executableName: string;
    readonly extraResources: readonly { to: string }[];
  };
  readonly publish: { readonly provider: string; readonly owner: string; readonly repo: string };
}
interface MatrixEntry {
  readonly os: string;
  readonly platform: Platform;
  readonly arch: string;
  readonly targets: string;
  readonly unpacked: string;
  readonly binary: string;
  readonly launcher: string;
}
interface Step {
  readonly name?: string;
  readonly run?: string;
}
interface Release {
  readonly on: { readonly push: { readonly tags: readonly string[] } };
  readonly jobs: {
    readonly build: {
      readonly strategy: { readonly matrix: { readonly include: readonly MatrixEntry[] } };
      steps: Step[];
    };
    readonly publish: { readonly needs: string; readonly steps: Step[] };
  };
}

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const release = parse(readFileSync('.github/workflows/release.yml', 'utf8')) as Release;
const matrix = release.jobs.build.strategy.matrix.include;
const PLATFORMS: readonly Platform[] = ['mac', 'win', 'linux'];
const RUNNER_OS: Record<Platform, RegExp> = { mac: /^macos-/, win: /^windows-/, linux: /^ubuntu-/ };

describe('the release matrix', () => {
  it('builds every target and architecture electron-builder.yml names, and nothing else', () => {
    const configured = PLATFORMS.flatMap((platform) =>
      config[platform].target.flatMap(({ target, arch }) => arch.map((a) => `${platform} ${target} ${a}`)),
    );
    const built = matrix.flatMap((entry) =>
      entry.targets.split(' ').map((t) => `${entry.platform} ${t} ${entry.arch}`),
    );
    expect(built.sort()).toEqual(configured.sort());
    expect(configured).toEqual(expect.arrayContaining(['mac zip x64', 'mac zip arm64', 'mac dmg arm64']));
  });

  it('builds each on its own OS, with macOS x64 on an Intel runner', () => {
    for (const entry of matrix) expect(entry.os).toMatch(RUNNER_OS[entry.platform]);
    expect(matrix.find((entry) => entry.platform === 'mac' && entry.arch === 'x64')?.os).toMatch(/intel/);
    expect(new Set(matrix.map((entry) => `${entry.platform} ${entry.arch}`)).size).toBe(matrix.length);
  });

  it('passes each entry’s targets and arch to electron-builder', () => {
    const build = release.jobs.build.steps.find((step) => step.name === 'Build the installers');
    expect(build?.run).toContain(
      'electron-builder --${{ matrix.platform }} ${{ matrix.targets }} --${{ matrix.arch }} --publish never',
    );
  });

  it('finds each app, binary and keyturn launcher where electron-builder puts them', () => {
    const name = config.productName;
    const launcherDir = (platform: Platform) => config[platform].extraResources[0]?.to;
    for (const entry of matrix) {
      if (entry.platform === 'mac') {
        const folder = entry.arch === 'x64' ? 'mac' : `mac-${entry.arch}`;
        expect(entry.unpacked).toBe(`${folder}/${name}.app`);
        expect(entry.binary).toBe(`${folder}/${name}.app/Contents/MacOS/${name}`);
        expect(entry.launcher).toBe(`${folder}/${name}.app/Contents/Resources/${launcherDir('mac')}`);
      } else if (entry.platform === 'win') {
        expect(entry.binary).toBe(`win-unpacked/${name}.exe`);
        expect(entry.launcher).toBe(`win-unpacked/resources/${launcherDir('win')}`);
      } else {
        expect(entry.binary).toBe(`linux-unpacked/${config.linux.executableName}`);
        expect(entry.launcher).toBe(`linux-unpacked/resources/${launcherDir('linux')}`);
      }
    }
  });

  it('smoke-tests the inspect-on variant, then checks the release build keeps inspect off, then uploads', () => {
    const runs = release.jobs.build.steps.map((step) => step.run ?? '');
    const at = (text: string) => runs.findIndex((run) => run.includes(text));
    const order = [
      at('-c.electronFuses.enableNodeCliInspectArguments=true'),
      at('check-fuses.mjs --variant smoke'),
      at('test/smoke/packaged-app.ts'),
      at('scripts/signing-plan.mjs'),
      at('${{ matrix.targets }}'),
      at('check-fuses.mjs --variant release'),
    ];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const upload = release.jobs.build.steps.findIndex((step) => JSON.stringify(step).includes('installers-${{'));
    expect(upload).toBeGreaterThan(Math.max(...order));
    expect(runs.filter((run) => run.includes('enableNodeCliInspectArguments=true'))).toHaveLength(1);
  });

  it('publishes to the GitHub repository electron-updater reads, only after every build passed', () => {
    expect(release.on.push.tags).toEqual(['v*.*.*']);
    expect(config.publish).toMatchObject({ provider: 'github', owner: 'keyturn', repo: 'keyturn' });
    expect(release.jobs.publish.needs).toBe('build');
    expect(release.jobs.publish.steps.map((step) => step.run ?? '').join('\n')).toMatch(/gh release create/);
  });
});
