/**
 * The `keyturn` launchers the installers ship (resources/cli, resources/deb), run for real with
 * /bin/sh in a fake install folder whose "app binary" prints the argv it was given; that argv must
 * read as a CLI launch carrying exactly the user's arguments (src/main/electron/cli-launch.ts).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CLI_MARKER, cliLaunchArgs } from '../../src/main/electron/cli-launch';
import { tempDir } from '../support/temp-dir';

const LAUNCHER = 'resources/cli/keyturn';
const ARGS = ['get', 'acme/prod/ci', '--json', 'two words', '--', '$HOME'];

/** A stand-in app binary: prints its own path and each argument on a line. */
function fakeApp(path: string): void {
  writeFileSync(path, '#!/bin/sh\nprintf \'%s\\n\' "$0" "$@"\n', { mode: 0o755 });
}

function launch(path: string, env: NodeJS.ProcessEnv): string[] {
  const result = spawnSync(path, ARGS, { env: { PATH: process.env['PATH'], ...env }, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.trimEnd().split('\n');
}

/** The sh launcher is for macOS and Linux; Windows runners check keyturn.cmd's text below. */
const posix = it.runIf(process.platform !== 'win32');

describe('the keyturn launchers', () => {
  posix('starts the Linux app binary as a CLI launch, through a link on PATH', () => {
    const root = tempDir('launcher-linux');
    mkdirSync(join(root, 'resources', 'bin'), { recursive: true });
    mkdirSync(join(root, 'usr-bin'));
    fakeApp(join(root, 'keyturn-app'));
    copyFileSync(LAUNCHER, join(root, 'resources', 'bin', 'keyturn'));
    symlinkSync(join(root, 'resources', 'bin', 'keyturn'), join(root, 'usr-bin', 'keyturn'));

    const argv = launch(join(root, 'usr-bin', 'keyturn'), { DISPLAY: ':99' });
    expect(argv[0]).toMatch(/keyturn-app$/);
    expect(cliLaunchArgs(argv, false)).toEqual(ARGS);
    expect(argv).not.toContain('--ozone-platform=headless');
  });

  posix('asks Chromium for no display when there is none (an ssh session)', () => {
    const root = tempDir('launcher-headless');
    mkdirSync(join(root, 'resources', 'bin'), { recursive: true });
    fakeApp(join(root, 'keyturn-app'));
    copyFileSync(LAUNCHER, join(root, 'resources', 'bin', 'keyturn'));

    const argv = launch(join(root, 'resources', 'bin', 'keyturn'), {});
    expect(argv[1]).toBe('--ozone-platform=headless');
    expect(cliLaunchArgs(argv, false)).toEqual(ARGS);
  });

  posix('starts the macOS app binary from inside Keyturn.app, through a relative link', () => {
    const root = tempDir('launcher-mac');
    const contents = join(root, 'Keyturn.app', 'Contents');
    mkdirSync(join(contents, 'MacOS'), { recursive: true });
    mkdirSync(join(contents, 'Resources', 'bin'), { recursive: true });
    mkdirSync(join(root, 'local-bin'));
    fakeApp(join(contents, 'MacOS', 'Keyturn'));
    copyFileSync(LAUNCHER, join(contents, 'Resources', 'bin', 'keyturn'));
    symlinkSync('../Keyturn.app/Contents/Resources/bin/keyturn', join(root, 'local-bin', 'keyturn'));

    const argv = launch(join(root, 'local-bin', 'keyturn'), { DISPLAY: ':0' });
    expect(argv[0]).toMatch(/MacOS\/Keyturn$/);
    expect(cliLaunchArgs(argv, false)).toEqual(ARGS);
  });

  it('names the binaries electron-builder.yml produces and the marker main reads', () => {
    const config = parse(readFileSync('electron-builder.yml', 'utf8')) as {
      productName: string;
      linux: { executableName: string };
      deb: { fpm: string[] };
    };
    const sh = readFileSync(LAUNCHER, 'utf8');
    const cmd = readFileSync('resources/cli/keyturn.cmd', 'utf8');
    expect(sh).toContain(`/${config.linux.executableName} #`);
    expect(sh).toContain(`MacOS/${config.productName}"`);
    expect(cmd).toContain(`\\${config.productName}.exe" ${CLI_MARKER} -- %*`);
    expect(sh.match(new RegExp(`${CLI_MARKER} -- "\\$@"`, 'g'))).toHaveLength(2);
    expect(config.deb.fpm).toContain('resources/deb/keyturn=/usr/bin/keyturn');
    expect(readFileSync('resources/deb/keyturn', 'utf8')).toContain(
      `exec /opt/${config.productName}/resources/bin/keyturn "$@"`,
    );
  });
});
