/**
 * Revoking a SyftHub login session (step-revoke.ts): a session has no key id, so the provider ends
 * it by its value (POST /auth/logout blacklists it); a failed logout leaves it live and the revoke
 * pending; a token that is not a session is never sent to the logout. A real SyftHub emulator on
 * 127.0.0.1 and a real vault file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderClients } from '../../../src/main/lifecycle/clients';
import type { LifecycleDeps } from '../../../src/main/lifecycle/context';
import { revokeToken, runJournal } from '../../../src/main/lifecycle/rotation';
import type { TokenKind } from '../../../src/shared/model';
import { startSyftHubEmulator } from '../../emulators/syft-hub-emulator';
import { newVault } from '../../support/lifecycle-fixture';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const LOGOUT = '/api/v1/auth/logout';

/** A vault connected to a SyftHub emulator, and a token of `kind` holding a live login session. */
async function hubToken(kind: TokenKind) {
  const hub = await startSyftHubEmulator();
  cleanups.push(() => hub.close());
  const world = newVault({
    provider: 'syfthub',
    url: hub.url,
    settings: {},
    credential: { kind: 'password', username: hub.seed.username, password: hub.seed.password },
  });
  cleanups.push(() => void world.vault.lock());
  const points: string[] = [];
  const deps: LifecycleDeps = {
    now: Date.now,
    clients: new ProviderClients(world.vault, { now: Date.now, sleep: async () => undefined }),
    faultPoint: (label) => void points.push(label),
  };
  const session = await deps.clients.get(world.connectionId).session();
  if (!session.ok) throw new Error('setup');
  const token = world.vault.addToken({
    environmentId: world.environmentId,
    label: 'hub session',
    kind,
    provider: 'syfthub',
    secret: session.value.token,
    connectionId: world.connectionId,
  });
  const me = (): Promise<number> =>
    fetch(`${hub.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${session.value.token}` } }).then(
      (response) => response.status,
    );
  const logouts = (): number => hub.requests.filter((request) => request.path === LOGOUT).length;
  const statuses = (): string[] => world.vault.listVersions(token.id).map((version) => version.status);
  return { hub, ...world, deps, points, tokenId: token.id, me, logouts, statuses };
}

describe('revoking a login session', () => {
  it('ends the session at the server by its value, then marks it revoked', async () => {
    const s = await hubToken('session');
    expect(await s.me()).toBe(200);
    expect(await revokeToken(s.vault, s.tokenId, s.deps)).toMatchObject({ status: 'done' });
    expect(await s.me()).toBe(401);
    expect(s.logouts()).toBe(1);
    expect(s.points.filter((label) => !label.includes('journal'))).toEqual([
      'before commit token revoked',
      'after commit token revoked',
      'before endSession',
      'after endSession',
      'before commit version revoked',
      'after commit version revoked',
    ]);
    expect(s.statuses()).toEqual(['revoked']);
  });

  it('stays pending with the session live when the logout fails, and ends it on the next run', async () => {
    const s = await hubToken('session');
    s.hub.inject({ fault: { kind: 'status', status: 503 }, path: LOGOUT, times: 100 });
    const first = await revokeToken(s.vault, s.tokenId, s.deps);
    expect(first).toMatchObject({ status: 'pending', error: { code: 'PROVIDER_UNAVAILABLE' } });
    expect(s.statuses()).toEqual(['current']);
    expect(s.vault.getToken(s.tokenId).revoked).toBe(true);
    expect(await s.me()).toBe(200);

    s.hub.clearFaults();
    expect(await runJournal(s.vault, first.journalId, s.deps)).toMatchObject({ status: 'done' });
    expect(await s.me()).toBe(401);
    expect(s.statuses()).toEqual(['revoked']);
  });

  it('never sends a token that is not a session to the logout: it is only marked revoked', async () => {
    const s = await hubToken('manual');
    expect(await revokeToken(s.vault, s.tokenId, s.deps)).toMatchObject({ status: 'done' });
    expect(s.logouts()).toBe(0);
    expect(await s.me()).toBe(200);
    expect(s.statuses()).toEqual(['revoked']);
  });
});
