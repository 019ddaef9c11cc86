import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';

let f: ApiFixture;
const prod = { tenant: 'acme', environment: 'prod' } as const;

beforeEach(async () => {
  f = await createApiFixture();
  value(await f.api['tenant:add']({ name: 'acme' }));
  value(await f.api['environment:add']({ tenant: 'acme', name: 'prod' }));
});

afterEach(() => f.close());

describe('import, backup, audit and vault administration handlers', () => {
  it('imports .env variables (add, skip, overwrite), reports progress and audits the import', async () => {
    const entries = Array.from({ length: 150 }, (_, i): [string, string] => [`VAR_${i}`, `value-${i}`]);
    expect(value(await f.api['import:dotenv']({ ...prod, entries }))).toEqual({ added: 150, updated: 0, skipped: 0 });
    expect(f.progress).toEqual([
      { kind: 'count', label: 'imported', done: 100, total: 150 },
      { kind: 'count', label: 'imported', done: 150, total: 150 },
    ]);
    const again: [string, string][] = [
      ['var_0', 'changed'],
      ['NEW', 'fresh'],
    ];
    expect(value(await f.api['import:dotenv']({ ...prod, entries: again }))).toEqual({
      added: 1,
      updated: 0,
      skipped: 1,
    });
    expect(value(await f.api['import:dotenv']({ ...prod, entries: again, overwrite: true }))).toEqual({
      added: 0,
      updated: 2,
      skipped: 0,
    });
    const got = value(await f.api['token:secret']({ token: { ref: { ...prod, label: 'VAR_0' } }, purpose: 'get' }));
    expect(got.secret).toBe('changed');
    expect(
      f
        .vault()
        .listAudit({ limit: 20 })
        .filter((e) => e.action === 'import'),
    ).toHaveLength(3);
    expect(errorCode(await f.api['import:dotenv']({ tenant: 'acme', environment: 'nope', entries: again }))).toBe(
      'NOT_FOUND',
    );
  });

  it('seals a backup that restores into another vault, and refuses a wrong passphrase', async () => {
    value(await f.api['token:add']({ ...prod, label: 'stripe', secret: 'sk_live_backup_value' }));
    const sealed = value(await f.api['backup:export']({ passphrase: 'backup passphrase' }));
    expect(sealed).toMatchObject({ tenants: 1, tokens: 1 });
    expect(sealed.backup).not.toContain('sk_live_backup_value');
    const other = await createApiFixture();
    try {
      const wrong = await other.api['backup:restore']({ backup: sealed.backup, passphrase: 'not it' });
      expect(errorCode(wrong)).toBe('VAULT_WRONG_PASSWORD');
      const counts = value(
        await other.api['backup:restore']({ backup: sealed.backup, passphrase: 'backup passphrase' }),
      );
      expect(counts).toEqual({ tenants: 1, environments: 1, connections: 0, tokens: 1, skipped: 0 });
      const got = value(
        await other.api['token:secret']({ token: { ref: { ...prod, label: 'stripe' } }, purpose: 'get' }),
      );
      expect(got.secret).toBe('sk_live_backup_value');
    } finally {
      other.close();
    }
  });

  it('lists the audit log and verifies its chain', async () => {
    value(await f.api['token:add']({ ...prod, label: 'k', secret: 'v' }));
    value(await f.api['token:secret']({ token: { ref: { ...prod, label: 'k' } }, purpose: 'get' }));
    const entries = value(await f.api['audit:list']({ limit: 2 }));
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => e.action)).toContain('reveal');
    const verdict = value(await f.api['audit:verify']({}));
    expect(verdict.ok).toBe(true);
    console.log(`audit chain checked through the api: ${verdict.entries} entries`);
  });

  it('summarises the vault locked or unlocked, and changes the password', async () => {
    value(await f.api['token:add']({ ...prod, label: 'k', secret: 'v', expiresAt: f.clock.now() + 1000 }));
    const unlocked = value(await f.api['vault:summary']({}));
    expect(unlocked).toMatchObject({ tenantCount: 1, tokenCount: 1, expired: 0, expiringWithin: 1 });
    value(await f.api['vault:change-password']({ newPassword: 'a brand new password' }));
    value(await f.api['vault:lock']({}));
    f.clock.advance(2000);
    expect(value(await f.api['vault:summary']({ withinDays: 0 }))).toMatchObject({ tokenCount: 1, expired: 1 });
    expect(errorCode(await f.api['vault:unlock']({ password: 'correct horse battery' }))).toBe('VAULT_WRONG_PASSWORD');
    expect(value(await f.api['vault:unlock']({ password: 'a brand new password' }))).toMatchObject({
      state: 'unlocked',
    });
    expect(errorCode(await f.api['vault:change-password']({ newPassword: 'short' }))).toBe('INVALID_INPUT');
  });
});
