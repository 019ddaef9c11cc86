/**
 * Another user of the machine and the app link: a client running as `nobody` (setpriv), against
 * the endpoint main runs. The folders above the app-link folder are opened to everyone, so what
 * stops it is the app-link folder's 0700 and the socket's 0600, nothing else.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../src/main/app-link/frames';
import { startLinkFixture, type LinkFixture } from '../../support/app-link-fixture';
import { tempDir } from '../../support/temp-dir';

const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;
const skipWhy =
  process.platform === 'win32'
    ? 'no Unix sockets'
    : !isRoot
      ? 'not root: cannot run a client as nobody'
      : !hasSetpriv
        ? 'no setpriv'
        : '';
if (skipWhy !== '') console.log(`skipping the other-user tests: ${skipWhy}`);

/** Connects, says hello, and reports what happened as one JSON line. */
const CLIENT = `
const net = require('node:net');
const socket = net.connect(process.argv[2]);
const received = [];
let connected = false;
const report = (how) => {
  console.log(JSON.stringify({ connected, how, received: Buffer.concat(received).toString('utf8') }));
  process.exit(0);
};
socket.on('error', (error) => report(error.code));
socket.on('connect', () => { connected = true; socket.write(Buffer.from(process.argv[3], 'base64')); });
socket.on('data', (chunk) => received.push(chunk));
socket.on('close', () => report('closed'));
setTimeout(() => report('timeout'), 5000);
`;

let fixture: LinkFixture | null = null;
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

/** Runs the client as nobody, asynchronously: the endpoint under test runs in this process. */
async function asNobody(socket: string, hello: Buffer): Promise<unknown> {
  const dir = tempDir('nobody');
  chmodSync(dir, 0o755);
  const script = join(dir, 'client.cjs');
  writeFileSync(script, CLIENT, { mode: 0o644 });
  const args = ['--reuid=nobody', '--regid=nogroup', '--clear-groups', '--', process.execPath, script, socket];
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile('setpriv', [...args, hello.toString('base64')], { timeout: 20_000 }, (error, out, err) =>
      error === null ? resolve(out) : reject(new Error(`the nobody client failed: ${err}`)),
    ),
  );
  return JSON.parse(stdout.trim()) as unknown;
}

function helloFrom(pid: number, vault: string): Buffer {
  return encodeFrame({
    v: 1,
    kind: 'hello',
    vault,
    client: { pid, ppid: 1, sid: pid, tty: null, cwd: '/', command: 'get' },
  });
}

describe.skipIf(skipWhy !== '')('a client running as another user', () => {
  it('cannot connect: the kernel refuses it at the 0700 folder', async () => {
    fixture = await startLinkFixture({ openAncestors: true });
    expect(await asNobody(fixture.link.address, helloFrom(1, fixture.vaultPath))).toEqual({
      connected: false,
      how: 'EACCES',
      received: '',
    });
    expect(fixture.logged).toEqual([]);
  });

  it('is closed unanswered when the gate was opened on purpose (main checks it on every connection)', async () => {
    fixture = await startLinkFixture({ openAncestors: true });
    chmodSync(join(fixture.userData, 'app-link'), 0o777);
    chmodSync(fixture.link.address, 0o666);
    // The kernel lets it in now; main closes it before reading a byte (the write may see EPIPE).
    expect(await asNobody(fixture.link.address, helloFrom(1, fixture.vaultPath))).toEqual({
      connected: true,
      how: expect.stringMatching(/^(closed|EPIPE|ECONNRESET)$/),
      received: '',
    });
    expect(fixture.logged).toEqual(['The app link refused a connection: its folder or socket is no longer private']);
    expect(fixture.approver.questions).toEqual([]);
  });
});
