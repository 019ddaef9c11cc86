/**
 * Another user of the machine and the app link: a client running as `nobody` (setpriv), against
 * the endpoint main runs. The folders above the app-link folder are opened to everyone, so what
 * stops it is the app-link folder's 0700 and the socket's 0600, nothing else. And, as on Windows
 * (a pipe other accounts can open, which Node cannot restrict): an endpoint nobody can reach, where
 * what stops it is the folder proof it cannot make.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../src/main/app-link/frames';
import { linkProof, proofNonce, readLinkKey } from '../../../src/main/app-link/link-proof';
import { startLinkFixture, type LinkFixture } from '../../support/app-link-fixture';
import { stripeCall, talk, talkerHello, talkerProc, TALKER_PID } from '../../support/link-conversation';
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

/**
 * Tries to read the link key, then talks as far as the app lets it: hello with a nonce, and on the
 * challenge a call whose proof is made with a key of its own (it could not read the real one).
 */
const PROVER = `
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const [address, keyFile, hello, call] = process.argv.slice(2);
let keyRead = 'read';
try { fs.readFileSync(keyFile); } catch (error) { keyRead = error.code; }
const frame = (value) => {
  const body = Buffer.from(JSON.stringify(value));
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
};
const socket = net.connect(address);
const kinds = [];
let connected = false;
let pending = Buffer.alloc(0);
const report = (how) => { console.log(JSON.stringify({ keyRead, connected, kinds, how })); process.exit(0); };
socket.on('error', (error) => report(error.code));
socket.on('connect', () => { connected = true; socket.write(frame(JSON.parse(hello))); });
socket.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32BE(0)) {
    const value = JSON.parse(pending.subarray(4, 4 + pending.readUInt32BE(0)).toString());
    pending = pending.subarray(4 + pending.readUInt32BE(0));
    kinds.push(value.kind);
    if (value.kind !== 'challenge') continue;
    const guess = crypto.createHmac('sha256', crypto.randomBytes(32)).update(value.nonce).digest('base64url');
    socket.write(frame({ ...JSON.parse(call), proof: guess }));
  }
});
socket.on('close', () => report('closed'));
setTimeout(() => report('timeout'), 5000);
`;

/** Runs a script as nobody, asynchronously: the endpoint under test runs in this process. */
async function asNobody(socket: string, hello: Buffer): Promise<unknown> {
  return runAsNobody(CLIENT, [socket, hello.toString('base64')]);
}

async function runAsNobody(source: string, scriptArgs: readonly string[]): Promise<unknown> {
  const dir = tempDir('nobody');
  chmodSync(dir, 0o755);
  const script = join(dir, 'client.cjs');
  writeFileSync(script, source, { mode: 0o644 });
  const args = ['--reuid=nobody', '--regid=nogroup', '--clear-groups', '--', process.execPath, script];
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile('setpriv', [...args, ...scriptArgs], { timeout: 20_000 }, (error, out, err) =>
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

  it('reaches an endpoint as open as a Windows pipe, but cannot read the link key: closed unanswered', async () => {
    const open = tempDir('open-pipe');
    chmodSync(open, 0o755);
    const titles = new Map<number, string>();
    fixture = await startLinkFixture({
      openAncestors: true,
      requireProof: true,
      pipeAt: join(open, 'pipe.sock'),
      proc: talkerProc(titles),
    });
    const app = fixture;
    chmodSync(app.link.address, 0o666);
    const keyFile = join(app.userData, 'app-link', 'link-key');
    const hello = JSON.stringify(talkerHello(app.vaultPath, proofNonce()));
    expect(await runAsNobody(PROVER, [app.link.address, keyFile, hello, JSON.stringify(stripeCall())])).toEqual({
      keyRead: 'EACCES',
      connected: true,
      kinds: ['challenge'],
      how: 'closed',
    });
    expect(app.logged).toEqual(['The app link closed a connection that did not prove it can read the app-link folder']);
    expect(app.approver.questions).toEqual([]);

    // The same endpoint serves this user's client, which can read the key.
    const key = readLinkKey(keyFile);
    if (key === null) throw new Error('no link key');
    const clientNonce = proofNonce();
    const served = await talk(app.link.address, talkerHello(app.vaultPath, clientNonce), (challenge) => {
      titles.set(TALKER_PID, challenge.nonce);
      return stripeCall(linkProof(key, 'client', challenge.nonce, clientNonce));
    });
    expect(served.frames.map((frame) => frame.kind)).toEqual(['challenge', 'answer']);
  });
});
