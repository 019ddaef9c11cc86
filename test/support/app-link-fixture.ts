/**
 * The app link as main runs it, under Node: a real vault file (two environments, three tokens),
 * an unlocked session, the endpoint listening in `<data>/Keyturn/app-link/`, and the environment a
 * `keyturn` process needs to find it (XDG_CONFIG_HOME, KEYTURN_VAULT; no password).
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSessionState, type AppContext, type SessionState } from '../../src/main/api';
import { systemClock } from '../../src/main/api/ports';
import { endpointPlace, type EndpointPlace } from '../../src/main/app-link/endpoint-address';
import { startAppLink, type AppLink, type AppLinkDeps } from '../../src/main/app-link/endpoint';
import { createVault, createVaultAsync, openVault } from '../../src/main/vault/index';
import type { AuditEntry } from '../../src/main/vault/types';
import { ScriptedApprover } from './scripted-approver';
import { tempDir } from './temp-dir';
import { TEST_KDF_POLICY } from './vault-policy';

export const LINK_PASSWORD = 'app link test password';

/** Every secret in the fixture's vault, by reference. */
export const LINK_SECRETS: Readonly<Record<string, string>> = {
  'acme/prod/stripe': 'sk_live_app_link_stripe_4f1d9c',
  'acme/prod/db': 'pg-app-link-password-77aa31',
  'acme/staging/stripe': 'sk_test_app_link_staging_0be2',
};

export interface LinkFixture {
  /** The folder the app's data folder is in (see dataFolderIn). */
  readonly root: string;
  readonly userData: string;
  readonly vaultPath: string;
  readonly session: SessionState;
  readonly approver: ScriptedApprover;
  readonly link: AppLink;
  readonly context: AppContext;
  /** What a `keyturn` process needs to find this app (no password anywhere). */
  readonly env: Record<string, string>;
  readonly logged: string[];
  unlock(): void;
  audit(): readonly AuditEntry[];
  close(): Promise<void>;
}

export interface LinkFixtureOptions extends Partial<
  Pick<AppLinkDeps, 'limits' | 'proc' | 'platform' | 'requireProof'>
> {
  /** Make the folders above the app-link folder traversable by anyone (tests with another uid). */
  readonly openAncestors?: boolean;
  /**
   * Serve as on Windows, a pipe found through `app-link/pipe-name`, but listening at this path (a
   * Unix socket outside the private folder, as reachable as a pipe): the folder proof is the gate.
   */
  readonly pipeAt?: string;
}

function placeFor(userData: string, options: LinkFixtureOptions, platform: NodeJS.Platform): EndpointPlace {
  if (options.pipeAt === undefined) return endpointPlace(userData, platform);
  const folder = join(userData, 'app-link');
  return { kind: 'pipe', folder, nameFile: join(folder, 'pipe-name'), keyFile: join(folder, 'link-key') };
}

function seedVault(vaultPath: string): void {
  const { vault } = createVault(vaultPath, LINK_PASSWORD, { kdf: 'floor', policy: TEST_KDF_POLICY });
  const acme = vault.addTenant('acme').id;
  const environments = {
    prod: vault.addEnvironment(acme, 'prod', 'production').id,
    staging: vault.addEnvironment(acme, 'staging', 'staging').id,
  };
  for (const [ref, secret] of Object.entries(LINK_SECRETS)) {
    const [, environment = '', label = ''] = ref.split('/');
    const environmentId = environment === 'prod' ? environments.prod : environments.staging;
    vault.addToken({ environmentId, label, kind: 'api-key', provider: 'manual', secret });
  }
  vault.lock();
}

/**
 * The app's data folder under `root` where `keyturn` on this platform looks for it
 * (src/cli/vault-path.ts), and the environment that points it there: XDG_CONFIG_HOME on Linux,
 * APPDATA on Windows, HOME on macOS (~/Library/Application Support).
 */
export function dataFolderIn(root: string): { readonly userData: string; readonly env: Record<string, string> } {
  if (process.platform === 'darwin')
    return { userData: join(root, 'Library', 'Application Support', 'Keyturn'), env: { HOME: root } };
  return { userData: join(root, 'Keyturn'), env: { XDG_CONFIG_HOME: root, APPDATA: root } };
}

export async function startLinkFixture(options: LinkFixtureOptions = {}): Promise<LinkFixture> {
  // macOS's temp folder is deep, and a socket path may not pass 103 bytes there.
  const root = process.platform === 'darwin' ? tempDir('app-link', '/tmp') : tempDir('app-link');
  const { userData, env } = dataFolderIn(root);
  mkdirSync(userData, { recursive: true });
  if (options.openAncestors === true) for (const dir of [root, userData]) chmodSync(dir, 0o755);
  const vaultPath = join(userData, 'vault.db');
  seedVault(vaultPath);
  const session = createSessionState();
  const unlock = (): void => {
    const file = openVault(vaultPath, { policy: TEST_KDF_POLICY });
    session.unlocked(file.unlock(LINK_PASSWORD), file);
  };
  unlock();
  const approver = new ScriptedApprover();
  const logged: string[] = [];
  const context: AppContext = {
    vaultPath,
    vaults: { createVaultAsync, openVault },
    kdfPolicy: TEST_KDF_POLICY,
    session,
    clock: systemClock(),
    clipboard: { copy: () => Promise.reject(new Error('no clipboard in this test')), clearIfOurs: async () => {} },
    notifier: { notify: () => undefined },
  };
  const platform = options.platform ?? process.platform;
  const link = await startAppLink({
    place: placeFor(userData, options, platform),
    platform,
    context,
    approver,
    log: (line) => logged.push(line),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.proc === undefined ? {} : { proc: options.proc }),
    ...(options.requireProof === undefined ? {} : { requireProof: options.requireProof }),
    ...(options.pipeAt === undefined ? {} : { pipeName: options.pipeAt }),
  });
  const audit = (): readonly AuditEntry[] => {
    const current = session.current();
    if (current.state === 'unlocked') return current.vault.listAudit({ limit: 100_000 });
    const file = openVault(vaultPath, { policy: TEST_KDF_POLICY });
    const vault = file.unlock(LINK_PASSWORD);
    try {
      return vault.listAudit({ limit: 100_000 });
    } finally {
      vault.lock();
      file.close();
    }
  };
  return {
    root,
    userData,
    vaultPath,
    session,
    approver,
    link,
    context,
    env: { ...env, KEYTURN_VAULT: vaultPath },
    logged,
    unlock,
    audit,
    close: async () => {
      await link.close();
      session.lock('user');
    },
  };
}
