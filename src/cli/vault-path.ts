/**
 * Where the vault lives when neither --vault nor KEYTURN_VAULT says: the folder Electron's
 * app.getPath('userData') gives for productName "Keyturn", so the app and the CLI share one file.
 */
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

const PRODUCT = 'Keyturn';
const FILE = 'vault.db';

export function userDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT);
  if (platform === 'win32') return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), PRODUCT);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT);
}

export function defaultVaultPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home = homedir()): string {
  const dir = userDataDir(platform, env, home);
  return platform === 'win32' ? win32.join(dir, FILE) : join(dir, FILE);
}

export function resolveVaultPath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return flag;
  if (env.KEYTURN_VAULT) return env.KEYTURN_VAULT;
  return defaultVaultPath(process.platform, env);
}
