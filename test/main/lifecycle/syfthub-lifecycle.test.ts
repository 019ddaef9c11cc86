/**
 * The lifecycle against SyftHub as its source has it: keys created with an expiry from the policy
 * and the narrowest scope, "never expires" told from "unknown", sessions ended at the server on
 * revoke, and the connection's session kept sealed in the vault for the next process.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { ProviderClients } from '../../../src/main/lifecycle/clients';
import { DAY_MS, expiryState } from '../../../src/main/lifecycle/expiry';
import type { LifecycleDeps } from '../../../src/main/lifecycle/context';
import { createManagedToken, revokeToken } from '../../../src/main/lifecycle/rotation';
import { startSyftHubEmulator } from '../../emulators/syft-hub-emulator';
import { newVault, reopenVault } from '../../support/lifecycle-fixture';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function hubWorld() {
  const hub = await startSyftHubEmulator();
  cleanups.push(() => hub.close());
  const world = newVault({
    provider: 'syfthub',
    url: hub.url,
    settings: {},
    credential: { kind: 'password', username: hub.seed.username, password: hub.seed.password },
  });
  cleanups.push(() => void world.vault.lock());
  const clients = (): ProviderClients => new ProviderClients(world.vault, { now: Date.now });
  const deps: LifecycleDeps = { now: Date.now, clients: clients() };
  const logins = (): number => hub.requests.filter((r) => r.path === '/api/v1/auth/login').length;
  return { hub, ...world, deps, clients, logins };
}

describe('SyftHub keys and sessions through the lifecycle', () => {
  it('creates a PAT expiring 14 days after its planned rotation, with the narrowest scope', async () => {
    const s = await hubWorld();
    const before = Date.now();
    const made = await createManagedToken(
      s.vault,
      { environmentId: s.environmentId, connectionId: s.connectionId, label: 'ci', rotationPolicy: { everyDays: 30 } },
      s.deps,
    );
    if (made.tokenId === null) throw new Error('created');
    const token = s.vault.getToken(made.tokenId);
    const pat = s.hub.state.pats.get(Number(token.providerKeyId));
    expect(pat?.scopes).toEqual(['read']);
    expect(token.expiresAt).toBe(pat?.expiresAt);
    // Whole seconds apart at most: the server keeps microseconds, Keyturn sends milliseconds.
    expect(Math.abs((token.expiresAt ?? 0) - (before + 44 * DAY_MS))).toBeLessThan(5_000);
    expect(token.expirySource).toBe('provider');
    expect(expiryState(token, Date.now())).toBe('fresh');
  });

  it('tells a key the provider says never expires ("never") from one nobody dates ("unknown")', async () => {
    const s = await hubWorld();
    const verified = await s.clients().get(s.connectionId).verify(s.hub.seed.googlePat);
    expect(verified.ok && verified.value).toEqual({ identity: 'googler', expiresAt: null, neverExpires: true });
    const facts = { kind: 'personal-access-token' as const, revoked: false, expiresAt: null };
    expect(expiryState({ ...facts, expirySource: 'provider' }, Date.now())).toBe('never');
    expect(expiryState({ ...facts, expirySource: null }, Date.now())).toBe('unknown');
  });

  it('ends a revoked session at the server (POST /auth/logout), so the token stops working', async () => {
    const s = await hubWorld();
    const session = await s.clients().get(s.connectionId).session();
    if (!session.ok) throw new Error('session');
    const token = s.vault.addToken({
      environmentId: s.environmentId,
      label: 'hub session',
      kind: 'session',
      provider: 'syfthub',
      secret: session.value.token,
      connectionId: s.connectionId,
      expiresAt: session.value.expiresAt,
      expirySource: 'jwt',
    });
    const me = (): Promise<number> =>
      fetch(`${s.hub.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${session.value.token}` } }).then(
        (r) => r.status,
      );
    expect(await me()).toBe(200);
    const outcome = await revokeToken(s.vault, token.id, s.deps);
    expect(outcome.status).toBe('done');
    expect(await me()).toBe(401);
    expect(s.hub.requests.filter((r) => r.path === '/api/v1/auth/logout')).toHaveLength(1);
    expect(s.vault.getToken(token.id).revoked).toBe(true);
  });

  it('keeps the connection’s session sealed in the vault: a new process (vault reopened) does not log in', async () => {
    const s = await hubWorld();
    expect((await s.clients().get(s.connectionId).listKeys()).ok).toBe(true);
    expect(s.logins()).toBe(1);
    const stored = s.vault.readConnectionSession(s.connectionId);
    expect(stored).toEqual(expect.stringContaining('refresh'));
    s.vault.lock();
    const reopened = reopenVault(s.path);
    cleanups.push(() => void reopened.lock());
    for (let i = 0; i < 12; i += 1) {
      const listed = await new ProviderClients(reopened, { now: Date.now }).get(s.connectionId).listKeys();
      expect(listed.ok).toBe(true);
    }
    expect(s.logins()).toBe(1);
    // A new credential drops the session: it belonged to the old account.
    reopened.updateConnection(s.connectionId, {
      credential: { kind: 'password', username: s.hub.seed.email, password: s.hub.seed.password },
    });
    expect(reopened.readConnectionSession(s.connectionId)).toBeNull();
  });
});
