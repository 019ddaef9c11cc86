import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApiHandlers, type AppContext } from '../../../src/main/api';
import { API_PASSWORD, createApiFixture, createTestContext, errorCode, value } from '../../support/api-fixture';
import { tempDir } from '../../support/temp-dir';

function emptyContext(): AppContext {
  return createTestContext(tempDir('api-async')).context;
}

// A handler body runs synchronously up to its first await. With a sync KDF the work would be done
// when the call returns; with the thread-pool KDF the call returns first and the event loop is free.
describe('vault handlers run the KDF off the event loop', () => {
  it('vault:create returns before the file exists, then creates it', async () => {
    const context = emptyContext();
    const api = createApiHandlers(context);
    const pending = api['vault:create']({ password: API_PASSWORD });
    expect(existsSync(context.vaultPath)).toBe(false);
    expect(value(await pending)).toMatchObject({ status: { state: 'unlocked' } });
    expect(existsSync(context.vaultPath)).toBe(true);
    context.session.lock('user');
    // The lock closed the new vault's database: the last connection gone, SQLite folded its WAL in.
    expect(existsSync(`${context.vaultPath}-wal`)).toBe(false);
  });

  it('vault:unlock returns while the session is still locked, then unlocks', async () => {
    const f = await createApiFixture();
    value(await f.api['vault:lock']({}));
    const pending = f.api['vault:unlock']({ password: API_PASSWORD });
    expect(f.context.session.current().state).toBe('locked');
    expect(value(await pending)).toMatchObject({ state: 'unlocked' });
    expect(f.context.session.current().state).toBe('unlocked');
    expect(errorCode(await f.api['vault:unlock']({ password: 'wrong horse' }))).toBe('VAULT_WRONG_PASSWORD');
    f.close();
  });

  it('vault:change-password returns before the rewrap, and a lock meanwhile keeps the old password', async () => {
    const f = await createApiFixture();
    const pending = f.api['vault:change-password']({ newPassword: 'a brand new password' });
    expect(f.vault().listAudit().at(-1)?.action).not.toBe('password-changed');
    value(await pending);
    expect(f.vault().listAudit().at(-1)?.action).toBe('password-changed');

    const interrupted = f.api['vault:change-password']({ newPassword: 'never stored at all' });
    value(await f.api['vault:lock']({}));
    expect(errorCode(await interrupted)).toBe('VAULT_LOCKED');
    expect(errorCode(await f.api['vault:unlock']({ password: 'never stored at all' }))).toBe('VAULT_WRONG_PASSWORD');
    expect(value(await f.api['vault:unlock']({ password: 'a brand new password' }))).toMatchObject({
      state: 'unlocked',
    });
    f.close();
  });
});
