import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiHandlers, type ApiHandlers, type AppContext } from '../../../src/main/api';
import { DAY_MS, MINUTE_MS } from '../../../src/main/lifecycle/expiry';
import type { Result } from '../../../src/shared/errors';
import { createTestContext } from '../../support/api-fixture';
import type { FakeOsClipboard } from '../../support/fake-os-clipboard';
import type { ManualClock } from '../../support/manual-clock';

const PASSWORD = 'correct horse battery';

let dir: string;
let clock: ManualClock;
let os: FakeOsClipboard;
let context: AppContext;
let api: ApiHandlers;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keyturn-api-'));
  ({ context, clock, os } = createTestContext(dir));
  api = createApiHandlers(context);
});

afterEach(() => {
  context.session.lock('user');
  rmSync(dir, { recursive: true, force: true });
});

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Seeds one tenant with a production and a staging environment through the vault itself. */
function seed(): { prodKey: string; stagingSession: string; revoked: string } {
  const session = context.session.current();
  if (session.state !== 'unlocked') throw new Error('unlock first');
  const vault = session.vault;
  const acme = vault.addTenant('Acme');
  const prod = vault.addEnvironment(acme.id, 'prod', 'production');
  const staging = vault.addEnvironment(acme.id, 'staging', 'staging');
  const now = clock.now();
  const prodKey = vault.addToken({
    environmentId: prod.id,
    label: 'Satori admin',
    kind: 'api-key',
    provider: 'satori',
    secret: 'sat-live-0123456789',
    expiresAt: now + 3 * DAY_MS,
  }).id;
  const stagingSession = vault.addToken({
    environmentId: staging.id,
    label: 'Syft session',
    kind: 'session',
    provider: 'syft-space',
    secret: 'eyJhbGciOi.session',
    expiresAt: now + 30 * MINUTE_MS,
  }).id;
  const revoked = vault.addToken({
    environmentId: staging.id,
    label: 'Old key',
    kind: 'manual',
    provider: 'manual',
    secret: 'old',
  }).id;
  vault.updateToken(revoked, { revoked: true });
  return { prodKey, stagingSession, revoked };
}

describe('api handlers over a real vault', () => {
  it('creates a vault once, showing the recovery key, and reports it unlocked', async () => {
    expect(value(await api['vault:status']({}))).toEqual({ state: 'missing', path: context.vaultPath });
    const created = value(await api['vault:create']({ password: PASSWORD }));
    expect(created.recoveryKey.length).toBeGreaterThan(20);
    expect(created.status).toEqual({ state: 'unlocked', tokenCount: 0, expiringSoon: 0 });
    const again = await api['vault:create']({ password: PASSWORD });
    expect(again).toMatchObject({ ok: false, error: { code: 'VAULT_EXISTS' } });
  });

  it('refuses a short new password as invalid input', async () => {
    const answer = await api['vault:create']({ password: 'short' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('locks, shows counts while locked, refuses a wrong password with one clear error, then unlocks', async () => {
    value(await api['vault:create']({ password: PASSWORD }));
    seed();
    expect(value(await api['vault:lock']({}))).toEqual({ state: 'locked', tokenCount: 3, expiringSoon: 1 });
    expect(await api['tokens:list']({})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });

    const wrong = await api['vault:unlock']({ password: 'not the password' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VAULT_WRONG_PASSWORD' } });
    expect(JSON.stringify(wrong)).not.toContain('not the password');
    expect(context.session.current().state).toBe('locked');

    expect(value(await api['vault:unlock']({ password: PASSWORD }))).toMatchObject({
      state: 'unlocked',
      tokenCount: 3,
    });
  });

  it('lists views with tenant, environment and expiry state, and never a secret', async () => {
    value(await api['vault:create']({ password: PASSWORD }));
    seed();
    const list = value(await api['tokens:list']({}));
    const byLabel = new Map(list.map((token) => [token.label, token]));
    expect(byLabel.get('Satori admin')).toMatchObject({
      tenantName: 'Acme',
      environmentName: 'prod',
      environmentKind: 'production',
      expiryState: 'expiring',
    });
    expect(byLabel.get('Syft session')).toMatchObject({ environmentKind: 'staging', expiryState: 'fresh' });
    expect(byLabel.get('Old key')).toMatchObject({ expiryState: 'revoked' });
    const wire = JSON.stringify(list);
    for (const secret of ['sat-live-0123456789', 'eyJhbGciOi.session']) expect(wire).not.toContain(secret);

    const found = value(await api['tokens:search']({ query: 'satori' }));
    expect(found.map((token) => token.label)).toEqual(['Satori admin']);
    console.log(`${list.length} tokens listed, ${found.length} found by search`);
  });

  it('copies in main, audits it with its last-used time, and clears the clipboard after 20 s', async () => {
    value(await api['vault:create']({ password: PASSWORD }));
    const { prodKey } = seed();
    const copiedAt = clock.now();
    const receipt = value(await api['token:copy']({ tokenId: prodKey }));
    expect(JSON.stringify(receipt)).not.toContain('sat-live');
    expect(os.text).toBe('sat-live-0123456789');
    expect(receipt).toEqual({ clearsAt: clock.now() + 20_000, clearAfterMs: 20_000 });
    clock.advance(20_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(os.text).toBe('');
    const session = context.session.current();
    if (session.state !== 'unlocked') throw new Error('expected unlocked');
    expect(session.vault.listAudit().some((entry) => entry.action === 'copy' && entry.subjectId === prodKey)).toBe(
      true,
    );
    // The tray's "recently used" and the window's recent sort read it.
    expect(session.vault.getToken(prodKey).lastUsedAt).toBe(copiedAt);
  });

  it('refuses to copy a revoked token', async () => {
    value(await api['vault:create']({ password: PASSWORD }));
    const { revoked } = seed();
    expect(await api['token:copy']({ tokenId: revoked })).toMatchObject({
      ok: false,
      error: { code: 'TOKEN_REVOKED' },
    });
    expect(os.text).toBe('');
  });

  it('reveals a secret only on token:reveal, audited', async () => {
    value(await api['vault:create']({ password: PASSWORD }));
    const { stagingSession } = seed();
    expect(value(await api['token:reveal']({ tokenId: stagingSession }))).toEqual({
      tokenId: stagingSession,
      secret: 'eyJhbGciOi.session',
    });
    const session = context.session.current();
    if (session.state !== 'unlocked') throw new Error('expected unlocked');
    expect(session.vault.listAudit().some((entry) => entry.action === 'reveal')).toBe(true);
    expect(await api['token:reveal']({ tokenId: 'no-such-id' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('clears a copied secret at once when the session locks for any reason', async () => {
    value(await api['vault:create']({ password: PASSWORD }));
    const { prodKey } = seed();
    value(await api['token:copy']({ tokenId: prodKey }));
    context.session.lock('idle');
    await new Promise((resolve) => setImmediate(resolve));
    expect(os.text).toBe('');
    expect(clock.pendingCount).toBe(0);
  });
});
