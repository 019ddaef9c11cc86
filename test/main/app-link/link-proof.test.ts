/**
 * The folder proof (src/main/app-link/link-proof.ts), which main asks of every client on Windows
 * (in place of the pipe client's SID) and macOS (in place of getpeereid). Here it is turned on with
 * `requireProof` (the endpoint's own switch, on by default off Linux), against the real endpoint, real keys on disk and real
 * `keyturn` processes: a right proof is served, a missing, wrong or replayed one is closed
 * unanswered, and a server that cannot prove it holds the key is not talked to.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { endpointPlace, pipeNameFor } from '../../../src/main/app-link/endpoint-address';
import { encodeFrame, FrameReader } from '../../../src/main/app-link/frames';
import { isLinkProof, linkProof, proofNonce, readLinkKey, writeLinkKey } from '../../../src/main/app-link/link-proof';
import { preparePrivateFolder } from '../../../src/main/app-link/socket-gate';
import { ensureBuilt, keyturn } from '../../cli/harness';
import { dataFolderIn, startLinkFixture, LINK_SECRETS, type LinkFixture } from '../../support/app-link-fixture';
import { stripeCall, talk, talkerHello, talkerProc, TALKER_PID } from '../../support/link-conversation';
import { tempDir } from '../../support/temp-dir';

const STRIPE = LINK_SECRETS['acme/prod/stripe'] ?? '';
const UNPROVEN = 'The app link closed a connection that did not prove it can read the app-link folder';

let fixture: LinkFixture | null = null;
const servers: Server[] = [];
beforeAll(ensureBuilt);
afterEach(async () => {
  await fixture?.close();
  fixture = null;
  for (const server of servers.splice(0)) await new Promise((done) => server.close(done));
});

/** The endpoint with the proof on, and /proc reading the hand-driven client as this process. */
async function start(titles = new Map<number, string>()): Promise<{ app: LinkFixture; key: Buffer }> {
  fixture = await startLinkFixture({ requireProof: true, proc: talkerProc(titles) });
  const key = readLinkKey(endpointPlace(fixture.userData, process.platform).keyFile);
  if (key === null) throw new Error('the endpoint wrote no link key');
  return { app: fixture, key };
}

describe('the folder proof', () => {
  it('binds each proof to its side and to both nonces', () => {
    const key = randomBytes(32);
    const proof = linkProof(key, 'client', 'app-nonce', 'client-nonce');
    expect(isLinkProof(key, 'client', 'app-nonce', 'client-nonce', proof)).toBe(true);
    expect(isLinkProof(key, 'app', 'app-nonce', 'client-nonce', proof)).toBe(false);
    expect(isLinkProof(key, 'client', 'other-nonce', 'client-nonce', proof)).toBe(false);
    expect(isLinkProof(key, 'client', 'app-nonce', 'other-nonce', proof)).toBe(false);
    expect(isLinkProof(randomBytes(32), 'client', 'app-nonce', 'client-nonce', proof)).toBe(false);
    expect(isLinkProof(key, 'client', 'app-nonce', 'client-nonce', undefined)).toBe(false);
    expect(isLinkProof(key, 'client', 'app-nonce', 'client-nonce', `${proof}x`)).toBe(false);
    expect(proofNonce()).not.toBe(proofNonce());
  });

  it('reads a key only when it is one', () => {
    const dir = tempDir('link-key');
    const path = join(dir, 'link-key');
    expect(readLinkKey(path)).toBeNull();
    const key = writeLinkKey(path);
    expect(readLinkKey(path)).toEqual(key);
    writeFileSync(path, 'not a key');
    expect(readLinkKey(path)).toBeNull();
  });

  it('writes a fresh private key per start, serves a keyturn that proves, and removes the key on close', async () => {
    const { app, key } = await start();
    const keyFile = endpointPlace(app.userData, process.platform).keyFile;
    if (process.platform !== 'win32') expect(lstatSync(keyFile).mode & 0o777).toBe(0o600);
    const get = await keyturn(['get', 'acme/prod/stripe'], { env: app.env });
    expect(get).toMatchObject({ code: 0, stdout: `${STRIPE}\n`, stderr: '' });
    expect(app.approver.questions).toHaveLength(1);
    expect(app.logged).toEqual([]);
    await app.close();
    fixture = null;
    expect(existsSync(keyFile)).toBe(false);
    const again = await startLinkFixture({ requireProof: true });
    fixture = again;
    expect(readLinkKey(endpointPlace(again.userData, process.platform).keyFile)).not.toEqual(key);
  });

  it('serves a hand-driven client with the right proof, after checking the app proved it holds the key', async () => {
    const titles = new Map<number, string>();
    const { app, key } = await start(titles);
    const clientNonce = proofNonce();
    const result = await talk(app.link.address, talkerHello(app.vaultPath, clientNonce), (challenge) => {
      expect(isLinkProof(key, 'app', challenge.nonce, clientNonce, challenge.proof)).toBe(true);
      titles.set(TALKER_PID, challenge.nonce);
      return stripeCall(linkProof(key, 'client', challenge.nonce, clientNonce));
    });
    expect(result.frames.map((frame) => frame.kind)).toEqual(['challenge', 'answer']);
    expect(result.frames[1]).toMatchObject({ result: { ok: true, value: { secret: STRIPE } } });
    expect(app.logged).toEqual([]);
  });

  it('closes unanswered a client with no proof, a wrong one, or one made for another connection', async () => {
    const titles = new Map<number, string>();
    const { app, key } = await start(titles);
    const clientNonce = proofNonce();
    const hello = talkerHello(app.vaultPath, clientNonce);
    const prove = (nonce: string): string => linkProof(key, 'client', nonce, clientNonce);

    // An old client: no nonce in its hello, no proof in its call.
    const none = await talk(app.link.address, talkerHello(app.vaultPath), () => stripeCall());
    // A guessed proof, and the app's own proof sent back (the other side's label).
    const wrong = await talk(app.link.address, hello, () => stripeCall(randomBytes(32).toString('base64url')));
    const mirrored = await talk(app.link.address, hello, (challenge) => stripeCall(challenge.proof));
    // A proof that was right for an earlier connection, replayed with the same client nonce.
    let earlier = '';
    await talk(app.link.address, hello, (challenge) => {
      earlier = prove(challenge.nonce);
      return null;
    });
    const replayed = await talk(app.link.address, hello, () => stripeCall(earlier));

    for (const refused of [none, wrong, mirrored, replayed]) {
      expect(refused.ending).toBe('closed');
      expect(refused.frames.map((frame) => frame.kind)).toEqual(['challenge']);
    }
    expect(app.logged).toEqual([UNPROVEN, UNPROVEN, UNPROVEN, UNPROVEN]);
    expect(app.approver.questions).toEqual([]);
    expect(app.audit().filter((entry) => entry.action === 'reveal')).toEqual([]);
    // The same client nonce with this connection's proof is served: what failed was the proof.
    const right = await talk(app.link.address, hello, (challenge) => {
      titles.set(TALKER_PID, challenge.nonce);
      return stripeCall(prove(challenge.nonce));
    });
    expect(right.frames.map((frame) => frame.kind)).toEqual(['challenge', 'answer']);
  });
});

describe('where main asks for it', () => {
  it('by default on macOS (no getpeereid in Node) and Windows, not on Linux, which reads /proc', async () => {
    if (process.platform === 'win32') {
      console.log('skipped here: a Unix socket endpoint named as another platform needs a Unix host');
      return;
    }
    for (const [platform, asked] of [
      ['darwin', true],
      ['linux', false],
    ] as const) {
      const titles = new Map<number, string>();
      const app = await startLinkFixture({ platform, proc: talkerProc(titles) });
      fixture = app;
      const noProof = await talk(app.link.address, talkerHello(app.vaultPath), (challenge) => {
        titles.set(TALKER_PID, challenge.nonce);
        return stripeCall();
      });
      expect(noProof.frames.map((frame) => frame.kind)).toEqual(asked ? ['challenge'] : ['challenge', 'answer']);
      expect(app.logged).toEqual(asked ? [UNPROVEN] : []);
      await app.close();
      fixture = null;
    }
  });
});

/**
 * An endpoint that is not this user's app: it cannot read the key, so it cannot prove it holds
 * it. It answers hello with a challenge without a proof, and any call with a made-up value.
 */
async function impostor(dataFolder: string): Promise<{ calls: unknown[] }> {
  const place = endpointPlace(dataFolder, process.platform);
  preparePrivateFolder(place.folder);
  writeLinkKey(place.keyFile);
  const calls: unknown[] = [];
  const server = createServer((socket) => {
    const reader = new FrameReader(1 << 20);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      for (const event of reader.push(chunk)) {
        const frame = event.kind === 'frame' ? (event.value as { kind?: string }) : {};
        if (frame.kind === 'hello') socket.write(encodeFrame({ v: 1, kind: 'challenge', nonce: 'impostor' }));
        if (frame.kind !== 'call') continue;
        calls.push(frame);
        const value = { tokenId: 't', secret: 'made-up', expiresAt: null, refreshed: false };
        socket.write(encodeFrame({ v: 1, kind: 'answer', id: 1, result: { ok: true, value } }));
      }
    });
  });
  servers.push(server);
  const address = place.kind === 'pipe' ? pipeNameFor(randomBytes(16).toString('hex')) : place.socket;
  await new Promise<void>((done) => server.listen(address, done));
  if (place.kind === 'pipe') writeFileSync(place.nameFile, address);
  return { calls };
}

describe('a server that cannot prove it is the app', () => {
  it('is not asked anything: keyturn warns and unlocks the vault itself', async () => {
    const { userData: data, env } = dataFolderIn(
      process.platform === 'darwin' ? tempDir('impostor', '/tmp') : tempDir('impostor'),
    );
    const fake = await impostor(data);
    const result = await keyturn(['get', 'acme/prod/stripe'], {
      env: { ...env, KEYTURN_VAULT: join(data, 'vault.db') },
    });
    expect(result.stdout).toBe('');
    // Then the command goes on as without an app (there is no vault here to unlock).
    expect(result.stderr).toMatch(
      /^keyturn: warning: ignoring the app link: it did not prove it is this user's Keyturn\n/,
    );
    expect(result.stderr).not.toContain('made-up');
    expect(fake.calls).toEqual([]);
    expect(readFileSync(endpointPlace(data, process.platform).keyFile, 'utf8')).toMatch(/^[0-9a-f]{64}$/);
  });
});
