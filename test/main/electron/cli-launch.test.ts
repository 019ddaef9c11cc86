import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io';
import { CLI_MARKER, cliLaunchArgs, runCliInApp, type CliHost } from '../../../src/main/electron/cli-launch';

const APP = '/opt/Keyturn/keyturn-app';

describe('cliLaunchArgs', () => {
  it('reads the command after the marker and the launcher’s --', () => {
    expect(cliLaunchArgs([APP, CLI_MARKER, '--', 'get', 'acme/prod/ci', '--json'], false)).toEqual([
      'get',
      'acme/prod/ci',
      '--json',
    ]);
  });

  it('takes the command without a -- too (the clipboard clearer is started that way)', () => {
    expect(cliLaunchArgs([APP, CLI_MARKER, '__clear-clipboard', '20'], false)).toEqual(['__clear-clipboard', '20']);
  });

  it('keeps a second -- as an argument of the command (keyturn run -- cmd)', () => {
    expect(cliLaunchArgs([APP, CLI_MARKER, '--', 'run', '--', 'printenv'], false)).toEqual(['run', '--', 'printenv']);
  });

  it('allows Chromium switches the launcher puts before the marker', () => {
    expect(cliLaunchArgs([APP, '--ozone-platform=headless', CLI_MARKER, '--', 'ls'], false)).toEqual(['ls']);
  });

  it('skips the app folder of an unpackaged run (electron .)', () => {
    expect(cliLaunchArgs(['/x/electron', '.', CLI_MARKER, '--', 'ls'], true)).toEqual(['ls']);
    expect(cliLaunchArgs(['/x/electron', '.'], true)).toBeNull();
  });

  it('is a window launch without the marker, or with something else before it', () => {
    expect(cliLaunchArgs([APP], false)).toBeNull();
    expect(cliLaunchArgs([APP, '--no-sandbox'], false)).toBeNull();
    expect(cliLaunchArgs([APP, '-psn_0_12345', CLI_MARKER, 'ls'], false)).toBeNull();
    expect(cliLaunchArgs([APP, '/home/u/file.txt', CLI_MARKER, 'ls'], false)).toBeNull();
    expect(cliLaunchArgs([APP, '--', CLI_MARKER, 'ls'], false)).toBeNull();
    expect(cliLaunchArgs([APP, 'ls'], false)).toBeNull();
  });

  it('runs the bare command (its help) for the marker alone', () => {
    expect(cliLaunchArgs([APP, CLI_MARKER], false)).toEqual([]);
    expect(cliLaunchArgs([APP, CLI_MARKER, '--'], false)).toEqual([]);
  });
});

class RecordingHost implements CliHost {
  exitCode: number | null = null;
  dockHidden = false;
  exit(code: number): void {
    this.exitCode = code;
  }
  hideDock(): void {
    this.dockHidden = true;
  }
}

function memoryIo(env: NodeJS.ProcessEnv = {}): { io: CliIo; stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  const stderr = new PassThrough();
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const stdin = new PassThrough();
  stdin.end();
  return {
    io: { stdin, stdout: { write: (text) => (out += text) }, stderr, env },
    stdout: () => out,
    stderr: () => err,
  };
}

describe('runCliInApp', () => {
  it('runs the real command in this process and exits with its code, with no Dock icon', async () => {
    const host = new RecordingHost();
    const { io, stdout } = memoryIo();
    await runCliInApp(['--help'], host, io);
    expect(host.exitCode).toBe(0);
    expect(host.dockHidden).toBe(true);
    expect(stdout()).toMatch(/keyturn/);
  });

  it("passes a failing command's exit code and message on", async () => {
    const host = new RecordingHost();
    const { io, stderr } = memoryIo();
    await runCliInApp(['no-such-command'], host, io);
    expect(host.exitCode).not.toBe(0);
    expect(host.exitCode).not.toBeNull();
    expect(stderr()).toMatch(/Unknown command "no-such-command"/);
  });
});
