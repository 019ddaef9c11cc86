/**
 * Who can open the app link is decided here, by the file system, before main reads a byte.
 *
 * Unix: the socket sits in a folder that is ours and 0700, and is itself 0600. connect(2) to a
 * path needs search permission on every folder on the way and, on Linux, write permission on the
 * socket file; macOS and the BSDs have long ignored the socket file's own mode, so there the
 * folder is the gate. Either way only this user (and root, whom nothing stops) can connect. Node
 * has no SO_PEERCRED / getpeereid, so instead of asking the peer's uid, main checks on every
 * connection that the gate is still as it made it (isIntact), and on Linux client-identity.ts
 * checks the uid of the process the client proves it is.
 *
 * Windows: a named pipe. Node creates it with the default security descriptor (full control for
 * its owner, SYSTEM and Administrators, read-only for Everyone and Anonymous) and can neither pass
 * a stricter one nor read the client's SID (GetNamedPipeClientProcessId). So, once it listens and
 * before its name is published, the gate gives the pipe a protected DACL with one entry, this
 * user's SID, and reads it back (pipe-acl.ts): other accounts cannot open it at all. If that
 * fails, the pipe is closed and not published, and `keyturn` unlocks the vault itself. The name
 * is random per start, so nobody can create the pipe before the app (squatting), and libuv creates
 * the first instance with FILE_FLAG_FIRST_PIPE_INSTANCE, so a name already taken makes listen fail
 * instead of sharing it. In place of the SID check, main also asks every Windows client for the
 * folder proof (link-proof.ts): the gate writes the link key before it listens, so whoever can
 * find the endpoint can prove.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import type { Server } from 'node:net';
import { dirname } from 'node:path';
import { KeyturnError } from '../../shared/errors';
import { pipeNameFor, socketPathFits, type EndpointPlace } from './endpoint-address';
import { removeLinkKey, writeLinkKey } from './link-proof';
import { restrictPipeToUser } from './pipe-acl';

export interface Gate {
  /** The socket's path or the pipe's name. */
  readonly address: string;
  /** Still only ours: the folder and the socket as made (Unix). Asked on every connection. */
  isIntact(): boolean;
  /** The link key clients must prove they can read, when the gate was asked for one. */
  readonly key: Buffer | null;
  /** Takes the endpoint's name away (the socket file, or the pipe's name file) and the key. */
  remove(): void;
}

export interface GateOptions {
  /** Write a fresh link key for the folder proof (a stale one is removed either way). */
  readonly withKey: boolean;
  /**
   * Tests only: listen here instead of at a random pipe name (on Linux, a Unix socket path that
   * stands in for a pipe other users can open, to show the folder proof stops them).
   */
  readonly pipeName?: string;
  /**
   * Makes the listening pipe this user's only, or throws (pipe-acl.ts). Windows asks PowerShell;
   * a Unix socket standing in for a pipe has nothing to restrict. Tests give their own.
   */
  readonly restrictPipe?: (pipe: string) => Promise<void>;
}

const PRIVATE = 0o077;

function owner(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}

function isPrivate(stats: Stats): boolean {
  return stats.uid === owner() && (stats.mode & PRIVATE) === 0;
}

function statOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * The folder, made 0700 if it is not there; refused if it is a link or someone else's. Windows has
 * no uids or modes (Node reports 0 and 0o666): there the folder keeps the ACL it inherits from the
 * user's profile.
 */
export function preparePrivateFolder(folder: string): void {
  mkdirSync(dirname(folder), { recursive: true });
  if (statOrNull(folder) === null) mkdirSync(folder, { mode: 0o700 });
  if (owner() === null) return;
  const stats = lstatSync(folder);
  if (!stats.isDirectory() || stats.uid !== owner())
    throw new KeyturnError('INTERNAL', `The app link's folder is not this user's own folder (${folder})`);
  if ((stats.mode & PRIVATE) !== 0) chmodSync(folder, 0o700);
}

function listen(server: Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (cause: Error): void => reject(cause);
    server.once('error', failed);
    server.listen(address, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

/** The key, written before the endpoint can be found; or none, and no stale one left. */
function prepareKey(keyFile: string, options: GateOptions): Buffer | null {
  removeLinkKey(keyFile);
  return options.withKey ? writeLinkKey(keyFile) : null;
}

async function openUnixGate(
  server: Server,
  place: Extract<EndpointPlace, { kind: 'unix' }>,
  platform: NodeJS.Platform,
  options: GateOptions,
): Promise<Gate> {
  const { folder, socket, keyFile } = place;
  if (!socketPathFits(socket, platform))
    throw new KeyturnError('INTERNAL', `The app link's socket path is too long for this system (${socket})`);
  preparePrivateFolder(folder);
  const key = prepareKey(keyFile, options);
  // A socket left by an app that crashed (one instance runs per data folder, so it is not live).
  const stale = statOrNull(socket);
  if (stale !== null) {
    if (!stale.isSocket() || stale.uid !== owner())
      throw new KeyturnError('INTERNAL', `Something else is at the app link's path (${socket})`);
    rmSync(socket, { force: true });
  }
  await listen(server, socket);
  chmodSync(socket, 0o600);
  const bound = lstatSync(socket).ino;
  return {
    address: socket,
    key,
    isIntact() {
      const dir = statOrNull(folder);
      const file = statOrNull(socket);
      if (dir === null || file === null || !dir.isDirectory() || !file.isSocket()) return false;
      return isPrivate(dir) && isPrivate(file) && file.ino === bound;
    },
    remove() {
      const file = statOrNull(socket);
      if (file !== null && file.ino === bound) rmSync(socket, { force: true });
      if (key !== null) removeLinkKey(keyFile);
    },
  };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

async function openPipeGate(
  server: Server,
  place: Extract<EndpointPlace, { kind: 'pipe' }>,
  platform: NodeJS.Platform,
  options: GateOptions,
): Promise<Gate> {
  const { folder, nameFile, keyFile } = place;
  preparePrivateFolder(folder);
  rmSync(nameFile, { force: true });
  const key = prepareKey(keyFile, options);
  const pipe = options.pipeName ?? pipeNameFor(randomBytes(16).toString('hex'));
  await listen(server, pipe);
  const restrict = options.restrictPipe ?? (platform === 'win32' ? restrictPipeToUser : null);
  try {
    await restrict?.(pipe);
  } catch (cause) {
    // Not published: no `pipe-name` points at a pipe other accounts could open, and no key is left.
    await close(server);
    if (key !== null) removeLinkKey(keyFile);
    throw cause;
  }
  const temp = `${nameFile}.${process.pid}.tmp`;
  writeFileSync(temp, pipe, { mode: 0o600 });
  renameSync(temp, nameFile);
  return {
    address: pipe,
    key,
    isIntact: () => true,
    remove() {
      rmSync(nameFile, { force: true });
      if (key !== null) removeLinkKey(keyFile);
    },
  };
}

/** Listens at the place, with the folder and the socket (or the pipe's name) made private first. */
export function openGate(
  server: Server,
  place: EndpointPlace,
  platform: NodeJS.Platform,
  options: GateOptions = { withKey: false },
): Promise<Gate> {
  return place.kind === 'unix'
    ? openUnixGate(server, place, platform, options)
    : openPipeGate(server, place, platform, options);
}
