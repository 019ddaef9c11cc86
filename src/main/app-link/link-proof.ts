/**
 * The folder proof (docs/cli.md, App integration): where the kernel cannot be asked who is on the
 * other end (Windows: Node cannot read a named pipe client's SID; the pipe's DACL, pipe-acl.ts,
 * keeps other accounts out but is set only after it listens), main asks the client to show it can
 * read a file only this user can read.
 *
 * At each start main writes 256 random bits to `link-key` in the app-link folder (0700 on Unix;
 * on Windows it inherits the user profile's ACL: this user, SYSTEM, Administrators). Per
 * connection both ends pick a nonce, and each proves it holds the key with an HMAC over both
 * nonces, under its own label: the app in the challenge (so a client never talks on to a pipe
 * someone else set up under a name the app left behind), the client in its calls (so main serves
 * only a client that could read the folder). A proof is good for one connection only: another
 * connection has another app nonce. Both the CLI and main use this file; no zod, so the `keyturn
 * get` fast path can load it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const KEY_BYTES = 32;
const KEY_TEXT = /^[0-9a-f]{64}$/;

export type ProofSide = 'app' | 'client';

/** A fresh key, written where only this user can read it (temp file, then rename). */
export function writeLinkKey(path: string): Buffer {
  const key = randomBytes(KEY_BYTES);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, key.toString('hex'), { mode: 0o600 });
  renameSync(temp, path);
  return key;
}

/** The key at `path`, or null when it is not there, not readable (another user) or not a key. */
export function readLinkKey(path: string): Buffer | null {
  try {
    const text = readFileSync(path, 'utf8').trim();
    return KEY_TEXT.test(text) ? Buffer.from(text, 'hex') : null;
  } catch {
    return null;
  }
}

export function removeLinkKey(path: string): void {
  rmSync(path, { force: true });
}

/** A nonce for one connection: 96 random bits, base64url. */
export function proofNonce(): string {
  return randomBytes(12).toString('base64url');
}

/** One side's proof for one connection: HMAC-SHA256 over the side and both nonces, base64url. */
export function linkProof(key: Buffer, side: ProofSide, appNonce: string, clientNonce: string): string {
  return createHmac('sha256', key)
    .update(`keyturn app-link ${side}\n${appNonce}\n${clientNonce}`, 'utf8')
    .digest('base64url');
}

/** Whether `proof` is `side`'s proof for this connection; compared in constant time. */
export function isLinkProof(
  key: Buffer,
  side: ProofSide,
  appNonce: string,
  clientNonce: string,
  proof: string | undefined,
): boolean {
  if (proof === undefined) return false;
  const expected = Buffer.from(linkProof(key, side, appNonce, clientNonce), 'utf8');
  const given = Buffer.from(proof, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
