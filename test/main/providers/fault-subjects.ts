/**
 * The calls of each adapter that the fault matrix exercises, with the emulator route each one
 * hits. A subject starts its emulator and a client whose session (if any) is already open, so
 * a fault aimed at a call's route does not hit the login instead.
 */
import { createProviderClient } from '../../../src/main/providers';
import type { Result } from '../../../src/shared/errors';
import type { ProviderClient, ProviderDeps } from '../../../src/main/providers/types';
import {
  startHautAiEmulator,
  startSatoriEmulator,
  startSyftHubEmulator,
  startSyftSpaceEmulator,
  startSynapTaskEmulator,
  type Emulator,
} from '../../emulators';

export interface MatrixCall {
  readonly name: string;
  readonly method: string;
  readonly path: RegExp;
  /** Whether the HTTP client may retry it (never true for a create). */
  readonly idempotent: boolean;
  /** Run once before the fault is injected (e.g. create the key a revoke will target). */
  readonly run: (client: ProviderClient, prepared: string) => Promise<Result<unknown>>;
  readonly prepare?: (client: ProviderClient) => Promise<string>;
}

export interface RunningSubject {
  readonly emulator: Emulator<unknown>;
  readonly client: ProviderClient;
  readonly secrets: readonly string[];
  /** Keys the provider holds now (to prove a create was not repeated). */
  readonly keyCount: () => number;
}

export interface MatrixSubject {
  readonly provider: string;
  /** Syft Space answers rate limits with 403; everyone else with 429. */
  readonly calls: readonly MatrixCall[];
  readonly start: (deps: ProviderDeps, now: () => number) => Promise<RunningSubject>;
}

async function createdKeyId(client: ProviderClient): Promise<string> {
  const created = await client.createKey({ name: `keyturn:matrix-${Math.random()}`, expiresAt: null });
  if (!created.ok) throw new Error(`prepare failed: ${created.error.code}`);
  return created.value.keyId;
}

async function createdSecret(client: ProviderClient): Promise<string> {
  const created = await client.createKey({ name: `keyturn:matrix-${Math.random()}`, expiresAt: null });
  if (!created.ok) throw new Error(`prepare failed: ${created.error.code}`);
  return created.value.secret;
}

export const satoriSubject: MatrixSubject = {
  provider: 'satori',
  calls: [
    {
      name: 'createKey',
      method: 'POST',
      path: /\/tokens\/$/,
      idempotent: false,
      run: (c) => c.createKey({ name: 'keyturn:m', expiresAt: null }),
    },
    { name: 'listKeys', method: 'GET', path: /\/tokens\/$/, idempotent: true, run: (c) => c.listKeys() },
    {
      name: 'revokeKey',
      method: 'PUT',
      path: /\/tokens\/[^/]+$/,
      idempotent: true,
      prepare: createdKeyId,
      run: (c, id) => c.revokeKey(id),
    },
    {
      name: 'verify',
      method: 'GET',
      path: /^\/api\/tenants\/[^/]+\/$/,
      idempotent: true,
      prepare: createdSecret,
      run: (c, s) => c.verify(s),
    },
  ],
  async start(deps, now) {
    const emulator = await startSatoriEmulator({ now });
    const client = createProviderClient(
      'satori',
      {
        baseUrl: emulator.url,
        settings: { tenantId: emulator.seed.tenantId },
        credential: { kind: 'token', token: emulator.seed.bootstrapToken },
      },
      deps,
    );
    return { emulator, client, secrets: [emulator.seed.bootstrapToken], keyCount: () => emulator.state.tokens.size };
  },
};

export const hautAiSubject: MatrixSubject = {
  provider: 'haut-ai',
  calls: [
    {
      name: 'createKey',
      method: 'POST',
      path: /\/private_tokens\/$/,
      idempotent: false,
      run: (c) => c.createKey({ name: 'keyturn:m', expiresAt: null }),
    },
    { name: 'listKeys', method: 'GET', path: /\/private_tokens\/$/, idempotent: true, run: (c) => c.listKeys() },
    {
      name: 'revokeKey',
      method: 'DELETE',
      path: /\/private_tokens\/\d+\/$/,
      idempotent: true,
      prepare: createdKeyId,
      run: (c, id) => c.revokeKey(id),
    },
    {
      name: 'verify',
      method: 'GET',
      path: /\/private_tokens\/$/,
      idempotent: true,
      prepare: createdSecret,
      run: (c, s) => c.verify(s),
    },
    { name: 'session', method: 'POST', path: /\/auth\/login\/$/, idempotent: true, run: (c) => c.session() },
  ],
  async start(deps, now) {
    const emulator = await startHautAiEmulator({ now });
    const { seed } = emulator;
    const connect = (): ProviderClient =>
      createProviderClient(
        'haut-ai',
        {
          baseUrl: emulator.url,
          settings: { companyId: seed.companyId },
          credential: { kind: 'password', username: seed.email, password: seed.password },
        },
        deps,
      );
    const client = connect();
    await client.session();
    // The session call needs a client that has not logged in yet; everything else shares one.
    const fresh = { ...client, session: () => connect().session() };
    return { emulator, client: fresh, secrets: [seed.password], keyCount: () => emulator.state.privateTokens.size };
  },
};

export const syftSpaceSubject: MatrixSubject = {
  provider: 'syft-space',
  calls: [
    { name: 'session', method: 'POST', path: /\/auth\/login$/, idempotent: true, run: (c) => c.session() },
    {
      name: 'verify (session JWT)',
      method: 'GET',
      path: /\/auth\/me$/,
      idempotent: true,
      prepare: sessionToken,
      run: (c, s) => c.verify(s),
    },
    {
      name: 'verify (admin key)',
      method: 'GET',
      path: /\/api\/v1\/tenants$/,
      idempotent: true,
      prepare: async () => adminKey,
      run: (c, s) => c.verify(s),
    },
    {
      name: 'verify (satellite)',
      method: 'POST',
      path: /\/query$/,
      idempotent: false,
      prepare: async () => satellite,
      run: (c, s) => c.verify(s),
    },
  ],
  async start(deps, now) {
    const emulator = await startSyftSpaceEmulator({ now });
    const { seed } = emulator;
    adminKey = seed.adminKey;
    satellite = seed.satelliteLive;
    const connect = (): ProviderClient =>
      createProviderClient(
        'syft-space',
        {
          baseUrl: emulator.url,
          settings: { endpointSlug: seed.endpointSlug },
          credential: { kind: 'password', username: seed.email, password: seed.password },
        },
        deps,
      );
    const client = connect();
    const fresh = { ...client, session: () => connect().session() };
    return { emulator, client: fresh, secrets: [seed.password, seed.adminKey, seed.satelliteLive], keyCount: () => 0 };
  },
};
let adminKey = '';
let satellite = '';

async function sessionToken(client: ProviderClient): Promise<string> {
  const session = await client.session();
  if (!session.ok) throw new Error(`prepare failed: ${session.error.code}`);
  return session.value.token;
}

export const syftHubSubject: MatrixSubject = {
  provider: 'syfthub',
  calls: [
    {
      name: 'createKey',
      method: 'POST',
      path: /\/auth\/tokens$/,
      idempotent: false,
      run: (c) => c.createKey({ name: 'keyturn:m', expiresAt: null }),
    },
    { name: 'listKeys', method: 'GET', path: /\/auth\/tokens$/, idempotent: true, run: (c) => c.listKeys() },
    {
      name: 'revokeKey',
      method: 'DELETE',
      path: /\/auth\/tokens\/\d+$/,
      idempotent: true,
      prepare: createdKeyId,
      run: (c, id) => c.revokeKey(id),
    },
    {
      name: 'verify',
      method: 'GET',
      path: /\/auth\/me$/,
      idempotent: true,
      prepare: createdSecret,
      run: (c, s) => c.verify(s),
    },
    { name: 'session', method: 'POST', path: /\/auth\/login$/, idempotent: true, run: (c) => c.session() },
  ],
  async start(deps, now) {
    const emulator = await startSyftHubEmulator({ now, profile: { maxActiveTokens: 10_000 } });
    const { seed } = emulator;
    const connect = (): ProviderClient =>
      createProviderClient(
        'syfthub',
        {
          baseUrl: emulator.url,
          settings: {},
          credential: { kind: 'password', username: seed.username, password: seed.password },
        },
        deps,
      );
    const client = connect();
    await client.session();
    const fresh = { ...client, session: () => connect().session() };
    return { emulator, client: fresh, secrets: [seed.password], keyCount: () => emulator.state.pats.size };
  },
};

export const synapTaskSubject: MatrixSubject = {
  provider: 'synaptask',
  calls: [
    {
      name: 'verify',
      method: 'GET',
      path: /^\/api\/graph$/,
      idempotent: true,
      prepare: async () => synapToken,
      run: (c, s) => c.verify(s),
    },
  ],
  async start(deps, now) {
    const emulator = await startSynapTaskEmulator({ now, profile: { rateLimitPerMinute: null } });
    synapToken = emulator.seed.token;
    const client = createProviderClient(
      'synaptask',
      { baseUrl: emulator.url, settings: {}, credential: { kind: 'token', token: synapToken } },
      deps,
    );
    return { emulator, client, secrets: [synapToken], keyCount: () => 0 };
  },
};
let synapToken = '';
