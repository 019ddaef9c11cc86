/**
 * The file-system gate of the app link: a private folder, a private socket, checked as made; on
 * Windows a named pipe whose name and link key are written in the folder.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { endpointPlace, isPipeName } from '../../../src/main/app-link/endpoint-address';
import { readLinkKey } from '../../../src/main/app-link/link-proof';
import { parsePipeAclReport, pipeAclProblem } from '../../../src/main/app-link/pipe-acl';
import { openGate, preparePrivateFolder } from '../../../src/main/app-link/socket-gate';
import { tempDir } from '../../support/temp-dir';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

function server(): Server {
  const made = createServer();
  servers.push(made);
  return made;
}

/** An app killed with SIGKILL leaves its socket file behind. */
async function leaveStaleSocket(folder: string, socket: string): Promise<void> {
  mkdirSync(folder, { mode: 0o700 });
  const listen = `require('node:net').createServer().listen(${JSON.stringify(socket)}, () => console.log('up'))`;
  const child = spawn(process.execPath, ['-e', listen], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

const mode = (path: string): number => lstatSync(path).mode & 0o777;
const isRoot = process.getuid?.() === 0;

const isWindows = process.platform === 'win32';
if (isWindows) console.log('the Unix socket gate tests are left out on Windows (no modes, no sockets)');

/** Where the pipe's name and link key go in a data folder (endpointPlace for win32, on any host). */
function pipePlace(data: string) {
  const folder = join(data, 'app-link');
  return { kind: 'pipe', folder, nameFile: join(folder, 'pipe-name'), keyFile: join(folder, 'link-key') } as const;
}

/** Where a test listens for a pipe: a Unix socket off Windows, a fresh real pipe on it. */
function standIn(data: string): string {
  return isWindows ? `\\\\.\\pipe\\keyturn-test-${Date.now()}-${process.pid}` : join(data, 'pipe.sock');
}

/**
 * Windows: the pipe's DACL, read by a PowerShell of its own (not the gate's), and why it is not
 * "this user only" (null when it is).
 */
function readPipeAcl(pipe: string): string | null {
  const script = [
    "$ErrorActionPreference = 'Stop'",
    'Add-Type -AssemblyName System.Core',
    "$rights = [System.IO.Pipes.PipeAccessRights]'ReadData, ReadPermissions'",
    "$pipe = New-Object System.IO.Pipes.NamedPipeClientStream('.', $env:KEYTURN_PIPE, $rights, 'None', 'Anonymous', 'None')",
    '$pipe.Connect(10000)',
    "[Console]::Out.WriteLine('sid ' + [System.Security.Principal.WindowsIdentity]::GetCurrent().User.Value)",
    "[Console]::Out.WriteLine('dacl ' + $pipe.GetAccessControl().GetSecurityDescriptorSddlForm('Access'))",
    '$pipe.Dispose()',
  ].join('\n');
  const output = execFileSync(
    'powershell.exe',
    ['-NoProfile', '-NonInteractive', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')],
    { env: { ...process.env, KEYTURN_PIPE: pipe.replace(/^\\\\\.\\pipe\\/, '') }, encoding: 'utf8' },
  );
  const report = parsePipeAclReport(output);
  return report === null ? `no report: ${output}` : pipeAclProblem(report);
}

/** A data folder whose `pipe-name` a crashed app left, and a server to open the gate with. */
function afterACrash() {
  const data = tempDir('pipe-gate');
  const place = pipePlace(data);
  preparePrivateFolder(place.folder);
  writeFileSync(place.nameFile, 'a name a crashed app left');
  return { data, place, made: server() };
}

describe('the named pipe gate (the pipe itself on Windows, a socket standing in for it elsewhere)', () => {
  it('writes the link key before it listens, names the pipe in pipe-name, and removes both', async () => {
    const data = tempDir('pipe-gate');
    const place = pipePlace(data);
    const made = server();
    let keyWhenListening: Buffer | null = null;
    made.on('listening', () => (keyWhenListening = readLinkKey(place.keyFile)));
    const pipeName = isWindows ? undefined : join(data, 'pipe.sock');
    const gate = await openGate(made, place, process.platform, { withKey: true, ...(pipeName ? { pipeName } : {}) });
    if (isWindows) expect(isPipeName(gate.address)).toBe(true);
    expect(readFileSync(place.nameFile, 'utf8')).toBe(gate.address);
    expect(gate.key).not.toBeNull();
    expect(keyWhenListening).toEqual(gate.key);
    expect(gate.isIntact()).toBe(true);
    if (isWindows) expect(readPipeAcl(gate.address)).toBeNull();
    gate.remove();
    expect(existsSync(place.nameFile)).toBe(false);
    expect(existsSync(place.keyFile)).toBe(false);
  });

  it('makes the pipe private while it listens and before anything names it', async () => {
    const { data, place, made } = afterACrash();
    const seen: { pipe: string; listening: boolean; named: boolean }[] = [];
    const restrictPipe = (pipe: string): Promise<void> => {
      seen.push({ pipe, listening: made.listening, named: existsSync(place.nameFile) });
      return Promise.resolve();
    };
    const gate = await openGate(made, place, 'win32', { withKey: true, pipeName: standIn(data), restrictPipe });
    expect(seen).toEqual([{ pipe: gate.address, listening: true, named: false }]);
    expect(readFileSync(place.nameFile, 'utf8')).toBe(gate.address);
    gate.remove();
  });

  it('closes the pipe and names nothing when it cannot be made private', async () => {
    const { data, place, made } = afterACrash();
    const restrictPipe = (): Promise<void> =>
      Promise.reject(new Error("Could not make the app link's pipe private to this user: timed out"));
    await expect(
      openGate(made, place, 'win32', { withKey: true, pipeName: standIn(data), restrictPipe }),
    ).rejects.toThrow(/private to this user: timed out/);
    expect(made.listening).toBe(false);
    expect(existsSync(place.nameFile)).toBe(false);
    expect(existsSync(place.keyFile)).toBe(false);
  });

  it('leaves no key from an earlier run when none is asked for', async () => {
    const data = tempDir('pipe-gate');
    const place = pipePlace(data);
    preparePrivateFolder(place.folder);
    writeFileSync(place.keyFile, 'a'.repeat(64));
    const pipeName = isWindows ? undefined : join(data, 'pipe.sock');
    const gate = await openGate(server(), place, process.platform, {
      withKey: false,
      ...(pipeName ? { pipeName } : {}),
    });
    expect(gate.key).toBeNull();
    expect(existsSync(place.keyFile)).toBe(false);
  });
});

describe.skipIf(isWindows)('the app link gate', () => {
  it('makes the folder 0700, and tightens one that is open to others', () => {
    const data = tempDir('gate');
    const folder = join(data, 'app-link');
    preparePrivateFolder(folder);
    expect(mode(folder)).toBe(0o700);
    chmodSync(folder, 0o755);
    preparePrivateFolder(folder);
    expect(mode(folder)).toBe(0o700);
  });

  it('refuses a link in place of the folder', () => {
    const data = tempDir('gate');
    const elsewhere = join(data, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, join(data, 'app-link'));
    expect(() => preparePrivateFolder(join(data, 'app-link'))).toThrow(/not this user's own folder/);
  });

  it.runIf(isRoot)("refuses a folder that is someone else's", () => {
    const data = tempDir('gate');
    const folder = join(data, 'app-link');
    mkdirSync(folder, { mode: 0o700 });
    chownSync(folder, 65534, 65534);
    expect(() => preparePrivateFolder(folder)).toThrow(/not this user's own folder/);
  });

  it('listens on a 0600 socket, replaces the stale one a killed app left, and refuses anything else at its path', async () => {
    const data = tempDir('gate');
    const place = endpointPlace(data, process.platform);
    if (place.kind !== 'unix') throw new Error('expected a socket');
    await leaveStaleSocket(place.folder, place.socket);
    expect(lstatSync(place.socket).isSocket()).toBe(true);
    const gate = await openGate(server(), place, process.platform);
    expect(mode(place.socket)).toBe(0o600);
    expect(gate.isIntact()).toBe(true);
    gate.remove();
    writeFileSync(place.socket, 'not a socket');
    await expect(openGate(server(), place, process.platform)).rejects.toThrow(/Something else is at/);
  });

  it('says the gate is broken once the folder or socket is opened, or the socket replaced', async () => {
    const data = tempDir('gate');
    const place = endpointPlace(data, process.platform);
    if (place.kind !== 'unix') throw new Error('expected a socket');
    const gate = await openGate(server(), place, process.platform);
    expect(gate.isIntact()).toBe(true);
    chmodSync(place.folder, 0o711);
    expect(gate.isIntact()).toBe(false);
    chmodSync(place.folder, 0o700);
    chmodSync(place.socket, 0o660);
    expect(gate.isIntact()).toBe(false);
    chmodSync(place.socket, 0o600);
    expect(gate.isIntact()).toBe(true);
    rmSync(place.socket);
    const other = createServer();
    servers.push(other);
    await new Promise<void>((resolve) => other.listen(place.socket, resolve));
    chmodSync(place.socket, 0o600);
    expect(gate.isIntact()).toBe(false);
  });

  it('refuses a socket path longer than the system allows', async () => {
    const deep = join(tempDir('gate'), 'x'.repeat(120));
    await expect(openGate(server(), endpointPlace(deep, 'linux'), 'linux')).rejects.toThrow(/too long/);
  });
});
