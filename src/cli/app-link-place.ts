/**
 * Where this user's running app listens, as the CLI finds it: the app-link folder in the app's
 * data folder, which must be this user's own and private (0700) before anything is sent there;
 * and the link key for the folder proof, where the app wrote one (always on Windows).
 */
import { lstatSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { endpointPlace, isPipeName } from '../main/app-link/endpoint-address';
import { readLinkKey } from '../main/app-link/link-proof';
import { userDataDir } from './vault-path';

export type AppAddress =
  | { readonly kind: 'found'; readonly address: string; readonly key: Buffer | null }
  | { readonly kind: 'none'; readonly warning?: string };

export function findAppAddress(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): AppAddress {
  const place = endpointPlace(userDataDir(platform, env, homedir()), platform);
  if (place.kind === 'pipe') {
    try {
      const name = readFileSync(place.nameFile, 'utf8').trim();
      return isPipeName(name) ? { kind: 'found', address: name, key: readLinkKey(place.keyFile) } : { kind: 'none' };
    } catch {
      return { kind: 'none' };
    }
  }
  let folder;
  try {
    folder = lstatSync(place.folder);
  } catch {
    return { kind: 'none' };
  }
  // Talk only to a socket in a folder nobody else can put one in.
  const isPrivate = folder.isDirectory() && folder.uid === process.getuid?.() && (folder.mode & 0o077) === 0;
  if (!isPrivate)
    return { kind: 'none', warning: `ignoring the app link: its folder is not private (${place.folder})` };
  return { kind: 'found', address: place.socket, key: readLinkKey(place.keyFile) };
}
