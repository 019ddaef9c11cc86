/**
 * Where the app link lives, for both ends: a folder `app-link` in the app's data folder (the
 * folder Electron's userData and the CLI's userDataDir agree on), holding
 * - on Linux and macOS, the Unix domain socket `cli.sock` (the folder 0700, the socket 0600);
 * - on Windows, `pipe-name`: the name of the app's named pipe, random per start (see
 *   socket-gate.ts for why), which the CLI reads to find it;
 * and, where main asks clients for the folder proof (always on Windows), `link-key`, the key
 * both ends prove they can read (link-proof.ts).
 */
import { join, win32 } from 'node:path';

export const APP_LINK_FOLDER = 'app-link';
const SOCKET_FILE = 'cli.sock';
const PIPE_NAME_FILE = 'pipe-name';
const KEY_FILE = 'link-key';

export type EndpointPlace =
  | { readonly kind: 'unix'; readonly folder: string; readonly socket: string; readonly keyFile: string }
  | { readonly kind: 'pipe'; readonly folder: string; readonly nameFile: string; readonly keyFile: string };

export function endpointPlace(dataFolder: string, platform: NodeJS.Platform): EndpointPlace {
  if (platform === 'win32') {
    const folder = win32.join(dataFolder, APP_LINK_FOLDER);
    const keyFile = win32.join(folder, KEY_FILE);
    return { kind: 'pipe', folder, nameFile: win32.join(folder, PIPE_NAME_FILE), keyFile };
  }
  const folder = join(dataFolder, APP_LINK_FOLDER);
  return { kind: 'unix', folder, socket: join(folder, SOCKET_FILE), keyFile: join(folder, KEY_FILE) };
}

/**
 * The longest socket path bind(2) takes: sockaddr_un's sun_path is 108 bytes on Linux and 104
 * on macOS and the BSDs, the terminating NUL included. Longer paths are refused, not truncated.
 */
export function socketPathFits(path: string, platform: NodeJS.Platform): boolean {
  const limit = platform === 'linux' ? 107 : 103;
  return Buffer.byteLength(path, 'utf8') <= limit;
}

/** A pipe name nobody can guess before the app made it: 128 random bits, in hex. */
export function pipeNameFor(randomHex: string): string {
  return `\\\\.\\pipe\\keyturn-app-link-${randomHex}`;
}

export function isPipeName(value: string): boolean {
  return /^\\\\\.\\pipe\\keyturn-app-link-[0-9a-f]{32}$/.test(value);
}
