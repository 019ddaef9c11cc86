import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openVault } from '../../../src/main/vault/index';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/vault/migrations';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault } from '../../support/vault-temp';
import { thrownCode } from '../../support/thrown-code';

describe('vault round trip', () => {
  it('returns every field of every record after lock and unlock', () => {
    const t = createTempVault();
    const v = t.vault;
    const tenant = v.addTenant('  Acme Ünïcode  ');
    const env = v.addEnvironment(tenant.id, 'Production', 'production');
    const connection = v.addConnection({
      tenantId: tenant.id,
      environmentId: env.id,
      provider: 'satori',
      baseUrl: 'http://127.0.0.1:9/api',
      settings: { tenant_id: 'abc' },
      credential: { kind: 'password', username: 'ops@example.test', password: 'pw-1' },
    });
    const token = v.addToken({
      environmentId: env.id,
      label: 'Main key',
      kind: 'api-key',
      provider: 'satori',
      secret: 'secret-one',
      connectionId: connection.id,
      providerKeyId: 'pk-1',
      expiresAt: 1_900_000_000_000,
      expirySource: 'provider',
      rotationPolicy: { everyDays: 30, graceMinutes: 10 },
      tags: ['ci', 'billing'],
      notes: 'multi\nline notes',
    });
    v.recordUse(token.id, 5, { action: 'copy', detail: 'copied in GUI' });
    const updated = v.updateToken(token.id, { lastVerifiedAt: 6, notes: 'changed' });
    expect(updated.lastUsedAt).toBe(5);
    const pending = v.addVersion(token.id, 'secret-two', { providerKeyId: 'pk-2', expiresAt: 1_950_000_000_000 });
    v.setSetting('clipboard.clearSeconds', '20');
    const entry = v.addJournal({ tokenId: token.id, operation: 'rotate', state: 'planned', data: { keyName: 'kt-1' } });
    v.updateJournal(entry.id, 'created', { keyName: 'kt-1', providerKeyId: 'pk-2' });
    v.audit('reveal', token.id, 'revealed in GUI');
    v.lock();
    expect(v.isLocked).toBe(true);
    expect(thrownCode(() => v.listTokens(), 'NO_ERROR')).toBe('VAULT_LOCKED');

    const file = openVault(t.path, { policy: TEST_KDF_POLICY });
    const again = file.unlock(t.password);
    expect(again.listTenants()).toEqual([{ ...tenant, name: 'Acme Ünïcode' }]);
    expect(again.listEnvironments(tenant.id)).toEqual([env]);
    expect(again.getToken(token.id)).toEqual(updated);
    expect(again.listTokens()).toEqual([updated]);
    expect(again.findToken('ACME ÜNÏCODE', 'production', 'main KEY')).toEqual(updated);
    expect(again.searchTokens('billing').map((x) => x.id)).toEqual([token.id]);
    expect(again.searchTokens('acme').map((x) => x.id)).toEqual([token.id]);
    expect(again.searchTokens('nothing-like-this')).toEqual([]);
    expect(again.openSecret(token.id)).toBe('secret-one');
    expect(again.openSecret(token.id, pending.id)).toBe('secret-two');
    expect(again.getConnection(connection.id)).toEqual(connection);
    expect(again.findConnection(env.id, 'satori')).toEqual(connection);
    expect(again.openCredential(connection.id)).toEqual({
      kind: 'password',
      username: 'ops@example.test',
      password: 'pw-1',
    });
    expect(again.getSetting('clipboard.clearSeconds')).toBe('20');
    expect(again.getJournal(entry.id).data).toEqual({ keyName: 'kt-1', providerKeyId: 'pk-2' });
    expect(again.listJournal({ unfinishedOnly: true }).map((j) => j.state)).toEqual(['created']);
    expect(again.listAudit().map((a) => a.action)).toEqual(['create', 'copy', 'reveal', 'lock', 'unlock']);
    expect(again.verifyAudit()).toEqual({ ok: true, entries: 5 });

    const promoted = again.promoteVersion(token.id, pending.id);
    expect(promoted.status).toBe('current');
    expect(again.openSecret(token.id)).toBe('secret-two');
    expect(again.getToken(token.id).providerKeyId).toBe('pk-2');
    expect(again.listVersions(token.id).map((x) => x.status)).toEqual(['previous', 'current']);
    file.close();
  });

  it('unlocks with the recovery key and rewraps on a password change without touching rows', () => {
    const t = createTempVault();
    const tenant = t.vault.addTenant('Acme');
    t.vault.changePassword('new password');
    t.vault.lock();
    const file = openVault(t.path, { policy: TEST_KDF_POLICY });
    expect(thrownCode(() => file.unlock(t.password), 'NO_ERROR')).toBe('VAULT_WRONG_PASSWORD');
    expect(file.unlock('new password').listTenants()).toEqual([tenant]);
    expect(file.unlockWithRecoveryKey(t.recoveryKey.toLowerCase()).listTenants()).toEqual([tenant]);
    expect(thrownCode(() => file.unlockWithRecoveryKey('AAAA-BBBB'), 'NO_ERROR')).toBe('INVALID_INPUT');
    file.close();
  });

  it('shows a locked summary from plaintext columns only, at the newest schema', () => {
    const t = createTempVault();
    const tenant = t.vault.addTenant('Acme');
    const env = t.vault.addEnvironment(tenant.id, 'dev', 'development');
    for (const [i, exp] of [100, 200, 300].entries()) {
      t.vault.addToken({
        environmentId: env.id,
        label: `t${i}`,
        kind: 'session',
        provider: 'manual',
        secret: 'x',
        expiresAt: exp,
      });
    }
    t.vault.lock();
    const summary = openVault(t.path, { policy: TEST_KDF_POLICY }).summary();
    expect([summary.tenantCount, summary.tokenCount, summary.expiringBefore(250), summary.schemaVersion]).toEqual([
      1,
      3,
      2,
      LATEST_SCHEMA_VERSION,
    ]);
  });

  it('reads after reopening what a child process wrote and exited', () => {
    const t = createTempVault();
    const env = t.vault.addEnvironment(t.vault.addTenant('Acme').id, 'prod', 'production');
    const before = t.vault.listTokens().length;
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'test/support/vault-writer.ts', t.path, t.password, env.id, '5', 'child'],
      { encoding: 'utf8' },
    );
    const ids = out
      .split('\n')
      .filter((l) => l.startsWith('committed '))
      .map((l) => l.split(' ')[1]);
    expect(ids).toHaveLength(5);
    // the still-unlocked parent notices the other process's commits (data_version) and reloads
    expect(t.vault.listTokens().length).toBe(before + 5);
    expect(t.vault.findToken('acme', 'prod', 'child-3')?.id).toBe(ids[3]);
    t.vault.lock();
    const reopened = openVault(t.path, { policy: TEST_KDF_POLICY }).unlock(t.password);
    for (const [i, id] of ids.entries()) expect(reopened.openSecret(id as string)).toBe(`secret-child-${i}`);
  });
});
