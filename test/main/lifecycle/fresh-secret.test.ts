import { afterEach, describe, expect, it } from 'vitest';
import { ProviderClients } from '../../../src/main/lifecycle/clients';
import { freshSecret } from '../../../src/main/lifecycle/fresh-secret';
import type { Vault } from '../../../src/main/vault/types';
import { startSyftSpaceEmulator } from '../../emulators';
import { FakeClock } from '../../support/fake-clock';
import { newVault } from '../../support/lifecycle-fixture';

const MINUTE = 60_000;
const GET = { action: 'reveal', detail: 'test get' } as const;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function syftSpaceSession(): Promise<{
  vault: Vault;
  tokenId: string;
  connectionId: string;
  clock: FakeClock;
  clients: () => ProviderClients;
  requests: () => number;
}> {
  const clock = new FakeClock(Date.now());
  const emulator = await startSyftSpaceEmulator({ now: clock.now });
  cleanups.push(() => emulator.close());
  const world = newVault({
    provider: 'syft-space',
    url: emulator.url,
    settings: { tenantName: emulator.seed.tenantName },
    credential: { kind: 'password', username: emulator.seed.email, password: emulator.seed.password },
  });
  cleanups.push(() => {
    world.vault.lock();
  });
  const clients = (): ProviderClients => new ProviderClients(world.vault, { now: clock.now, sleep: clock.sleep });
  const session = await clients().get(world.connectionId).session();
  if (!session.ok) throw new Error(session.error.message);
  const token = world.vault.addToken({
    environmentId: world.environmentId,
    label: 'space session',
    kind: 'session',
    provider: 'syft-space',
    secret: session.value.token,
    connectionId: world.connectionId,
    expiresAt: session.value.expiresAt,
    expirySource: 'provider',
  });
  return {
    vault: world.vault,
    tokenId: token.id,
    connectionId: world.connectionId,
    clock,
    clients,
    requests: () => emulator.requests.length,
  };
}

describe('freshSecret', () => {
  it('returns the stored session at 30 minutes without any network call', async () => {
    const s = await syftSpaceSession();
    const stored = s.vault.openSecret(s.tokenId);
    s.clock.advance(30 * MINUTE);
    const before = s.requests();
    const result = await freshSecret(s.vault, s.tokenId, { now: s.clock.now, clients: s.clients(), use: GET });
    const after = s.requests();
    console.log(`Syft Space copy at 30 min: ${after - before} emulator requests`);
    expect(result).toMatchObject({ ok: true, value: { secret: stored, refreshed: false } });
    expect(after).toBe(before);
    expect(s.vault.getToken(s.tokenId).lastUsedAt).toBe(s.clock.now());
    expect(s.vault.listAudit({ limit: 1 })).toMatchObject([
      { action: 'reveal', subjectId: s.tokenId, detail: 'test get' },
    ]);
  });

  it('hands out nothing, and records neither use nor audit entry, when the audit entry cannot be written', async () => {
    const s = await syftSpaceSession();
    const stored = s.vault.openSecret(s.tokenId);
    const auditBefore = s.vault.listAudit().length;
    const use = { action: 'reveal', detail: 'x'.repeat(2001) } as const;
    const result = await freshSecret(s.vault, s.tokenId, { now: s.clock.now, clients: s.clients(), use });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(result)).not.toContain(stored);
    expect(s.vault.getToken(s.tokenId).lastUsedAt).toBeNull();
    expect(s.vault.listAudit().length).toBe(auditBefore);
  });

  it('logs in again at 59 minutes and stores the new JWT', async () => {
    const s = await syftSpaceSession();
    const stored = s.vault.openSecret(s.tokenId);
    s.clock.advance(59 * MINUTE);
    const before = s.requests();
    const result = await freshSecret(s.vault, s.tokenId, { now: s.clock.now, clients: s.clients(), use: GET });
    console.log(
      `Syft Space copy at 59 min: ${s.requests() - before} emulator requests, refreshed ${result.ok && result.value.refreshed}`,
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.refreshed).toBe(true);
    expect(result.value.secret).not.toBe(stored);
    expect(s.vault.openSecret(s.tokenId)).toBe(result.value.secret);
    expect(s.vault.getToken(s.tokenId).lastUsedAt).toBe(s.clock.now());
    expect(s.vault.listAudit({ limit: 1 })).toMatchObject([{ action: 'reveal', subjectId: s.tokenId }]);
    expect(s.vault.getToken(s.tokenId).expiresAt).toBeGreaterThan(s.clock.now() + 50 * MINUTE);
    const verified = await s.clients().get(s.connectionId).verify(result.value.secret);
    expect(verified.ok).toBe(true);
  });

  it('answers TOKEN_EXPIRED for an expired session that cannot be refreshed, without the secret in the message', async () => {
    const s = await syftSpaceSession();
    const stored = s.vault.openSecret(s.tokenId);
    s.vault.updateConnection(s.connectionId, {
      credential: { kind: 'password', username: 'nobody@example.com', password: 'wrong' },
    });
    s.clock.advance(61 * MINUTE);
    const result = await freshSecret(s.vault, s.tokenId, { now: s.clock.now, clients: s.clients(), use: GET });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('TOKEN_EXPIRED');
    expect(result.error.message).not.toContain(stored);
  });

  it('answers TOKEN_EXPIRED for an expired long-lived key and TOKEN_REVOKED for a revoked one', async () => {
    const s = await syftSpaceSession();
    const token = s.vault.getToken(s.tokenId);
    const key = s.vault.addToken({
      environmentId: token.environmentId,
      label: 'old key',
      kind: 'api-key',
      provider: 'manual',
      secret: 'value-that-expired',
      expiresAt: s.clock.now() - MINUTE,
      expirySource: 'user',
    });
    const expired = await freshSecret(s.vault, key.id, { now: s.clock.now, clients: s.clients(), use: GET });
    expect(expired).toMatchObject({ ok: false, error: { code: 'TOKEN_EXPIRED' } });
    s.vault.updateToken(key.id, { revoked: true });
    const revoked = await freshSecret(s.vault, key.id, { now: s.clock.now, clients: s.clients(), use: GET });
    expect(revoked).toMatchObject({ ok: false, error: { code: 'TOKEN_REVOKED' } });
    expect(s.vault.listAudit().filter((e) => e.subjectId === key.id && e.action === 'reveal')).toEqual([]);
    expect(s.vault.getToken(key.id).lastUsedAt).toBeNull();
  });
});
