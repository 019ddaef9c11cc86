/**
 * Shared setup for lifecycle tests: a provider emulator with a ready connection, a fresh vault
 * (cheap test KDF), and the invariant checks I1–I5 run after every fault, crash and reconcile.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { ProviderId } from '../../src/shared/model';
import { ProviderClients } from '../../src/main/lifecycle/clients';
import { journalIdOf } from '../../src/main/lifecycle/key-name';
import { parseJournal } from '../../src/main/lifecycle/rotation-state';
import { createVault, openVault } from '../../src/main/vault';
import type { Credential, Vault } from '../../src/main/vault/types';
// Straight from the emulators this file needs, not the index: the crash test bundles this file into
// its child runner, and the index would pull in SynapTask's Socket.IO (CommonJS that an ESM bundle
// cannot load).
import { startHautAiEmulator } from '../emulators/haut-ai-emulator';
import { startSatoriEmulator } from '../emulators/satori-emulator';
import { startSyftHubEmulator } from '../emulators/syft-space-emulator';
import type { FaultRule } from '../emulators/harness';
import { tempDir } from './temp-dir';
import { TEST_KDF_POLICY } from './vault-policy';

export const PASSWORD = 'correct horse battery staple';
export const KEYED_PROVIDERS = ['satori', 'haut-ai', 'syfthub'] as const;
export type KeyedProvider = (typeof KEYED_PROVIDERS)[number];

export interface ProviderWorld {
  readonly provider: KeyedProvider;
  readonly url: string;
  readonly settings: Record<string, string>;
  readonly credential: Credential;
  readonly activeKeys: () => { id: string; name: string }[];
  readonly inject: (rule: FaultRule) => void;
  readonly clearFaults: () => void;
  readonly requestCount: () => number;
  readonly close: () => Promise<void>;
}

export async function startProvider(provider: KeyedProvider): Promise<ProviderWorld> {
  const wrap = (
    emulator: {
      url: string;
      inject(rule: FaultRule): void;
      clearFaults(): void;
      requests: readonly unknown[];
      close(): Promise<void>;
    },
    activeKeys: () => { id: string | number; name: string }[],
    settings: Record<string, string>,
    credential: Credential,
  ): ProviderWorld => ({
    provider,
    url: emulator.url,
    settings,
    credential,
    activeKeys: () => activeKeys().map((key) => ({ id: String(key.id), name: key.name })),
    inject: (rule) => emulator.inject(rule),
    clearFaults: () => emulator.clearFaults(),
    requestCount: () => emulator.requests.length,
    close: () => emulator.close(),
  });
  switch (provider) {
    case 'satori': {
      const e = await startSatoriEmulator();
      return wrap(
        e,
        () => e.state.activeKeys(),
        { tenantId: e.seed.tenantId },
        { kind: 'token', token: e.seed.bootstrapToken },
      );
    }
    case 'haut-ai': {
      const e = await startHautAiEmulator();
      return wrap(
        e,
        () => e.state.activeKeys(),
        { companyId: e.seed.companyId },
        {
          kind: 'password',
          username: e.seed.email,
          password: e.seed.password,
        },
      );
    }
    case 'syfthub': {
      // Every scenario here is a fresh vault that signs in once; dozens a minute would meet the
      // server's 10-logins-a-minute limit, which has its own tests (syfthub-real.test.ts).
      const e = await startSyftHubEmulator({ profile: { loginLimit: null } });
      return wrap(
        e,
        () => e.state.activeKeys(),
        {},
        { kind: 'password', username: e.seed.username, password: e.seed.password },
      );
    }
  }
}

export interface VaultWorld {
  readonly path: string;
  readonly vault: Vault;
  readonly environmentId: string;
  readonly connectionId: string;
}

export function newVault(
  world: { provider: ProviderId; url: string; settings: Record<string, string>; credential: Credential },
  dir = tempDir('lifecycle'),
): VaultWorld {
  const path = join(dir, 'vault.db');
  const { vault } = createVault(path, PASSWORD, { policy: TEST_KDF_POLICY, kdf: 'floor' });
  const tenant = vault.addTenant('Acme');
  const environment = vault.addEnvironment(tenant.id, 'prod', 'production');
  const connection = vault.addConnection({
    tenantId: tenant.id,
    environmentId: environment.id,
    provider: world.provider,
    baseUrl: world.url,
    settings: world.settings,
    credential: world.credential,
  });
  return { path, vault, environmentId: environment.id, connectionId: connection.id };
}

/** A Satori emulator and a vault connected to it with the bootstrap token: most lifecycle tests start here. */
export async function satoriWorld(): Promise<
  VaultWorld & { readonly emulator: Awaited<ReturnType<typeof startSatoriEmulator>> }
> {
  const emulator = await startSatoriEmulator();
  const world = newVault({
    provider: 'satori',
    url: emulator.url,
    settings: { tenantId: emulator.seed.tenantId },
    credential: { kind: 'token', token: emulator.seed.bootstrapToken },
  });
  return { ...world, emulator };
}

export function reopenVault(path: string): Vault {
  return openVault(path, { policy: TEST_KDF_POLICY }).unlock(PASSWORD);
}

export function clientsFor(vault: Vault): ProviderClients {
  return new ProviderClients(vault, { now: Date.now, sleep: async () => undefined, timeoutMs: 2000 });
}

export interface InvariantReport {
  /** I1: live Keyturn keys at the provider whose secret the vault does not hold at all. */
  readonly lost: number;
  /** I3: live Keyturn keys that are neither held live by the vault nor shown as revoke failed. */
  readonly orphans: number;
  /** I2: tokens with other than one current version, or whose current fails verify. */
  readonly duplicateCurrent: number;
  readonly unavailable: number;
  /** I4 */
  readonly integrityOk: boolean;
  readonly unopened: number;
  /** I5: journals with more than one live key at the provider. */
  readonly duplicateKeys: number;
}

/** Checks I1–I5 for one vault against its provider; `baseline` = key ids live before the test. */
export async function checkInvariants(
  path: string,
  world: ProviderWorld,
  baseline: ReadonlySet<string>,
): Promise<InvariantReport> {
  const integrityOk = integrityCheck(path);
  const vault = reopenVault(path);
  try {
    const clients = clientsFor(vault);
    const heldLive = new Set<string>();
    const heldAny = new Set<string>();
    let unopened = 0;
    let duplicateCurrent = 0;
    let unavailable = 0;
    for (const token of vault.listTokens()) {
      const versions = vault.listVersions(token.id);
      for (const version of versions) {
        if (version.providerKeyId !== null) heldAny.add(version.providerKeyId);
        if (version.providerKeyId !== null && version.status !== 'revoked') heldLive.add(version.providerKeyId);
        try {
          vault.openSecret(token.id, version.id);
        } catch {
          unopened += 1;
        }
      }
      if (token.revoked) continue;
      const currents = versions.filter((version) => version.status === 'current');
      if (currents.length !== 1) duplicateCurrent += 1;
      else if (token.connectionId !== null) {
        const verified = await clients.get(token.connectionId).verify(vault.openSecret(token.id));
        if (!verified.ok) unavailable += 1;
      }
    }
    for (const connection of vault.listConnections()) vault.openCredential(connection.id);
    const revokeFailed = new Set<string>();
    for (const entry of vault.listJournal()) {
      const { rotation } = parseJournal(entry);
      if (rotation.step === 'revoke-failed') revokeFailed.add(rotation.keyId);
    }
    const live = world.activeKeys().filter((key) => !baseline.has(key.id));
    const perJournal = new Map<string, number>();
    for (const key of live) {
      const journal = journalIdOf(key.name) ?? 'none';
      perJournal.set(journal, (perJournal.get(journal) ?? 0) + 1);
    }
    return {
      lost: live.filter((key) => !heldAny.has(key.id) && !revokeFailed.has(key.id)).length,
      orphans: live.filter((key) => !heldLive.has(key.id) && !revokeFailed.has(key.id)).length,
      duplicateCurrent,
      unavailable,
      integrityOk,
      unopened,
      duplicateKeys: [...perJournal.values()].filter((count) => count > 1).length,
    };
  } finally {
    vault.lock();
  }
}

function integrityCheck(path: string): boolean {
  const db = new Database(path, { readonly: true });
  try {
    const row = db.pragma('integrity_check', { simple: true });
    return row === 'ok';
  } finally {
    db.close();
  }
}

export function baselineOf(world: ProviderWorld): Set<string> {
  return new Set(world.activeKeys().map((key) => key.id));
}
