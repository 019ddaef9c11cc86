/**
 * Encrypted backups and the recovery key's file from the window, through the real handlers over
 * real vault files, with main's file dialogs faked (the user's picks). A wrong password, a wrong
 * passphrase or a damaged backup changes nothing; a restore makes a vault that opens with its
 * password and holds the backup's tokens; a replace keeps the old file.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../../src/main/api';
import { buildBackup, sealBackup } from '../../../src/main/api/backup';
import { createFileDialogs } from '../../../src/main/electron/file-dialogs';
import { openVault } from '../../../src/main/vault/index';
import {
  API_PASSWORD,
  createApiFixture,
  createTestContext,
  errorCode,
  value,
  type ApiFixture,
} from '../../support/api-fixture';
import { FakeDialogs } from '../../support/fake-dialogs';
import { tempDir } from '../../support/temp-dir';
import { TEST_KDF_POLICY } from '../../support/vault-policy';

const PASSPHRASE = 'a separate backup passphrase';
const SECRET = 'sk_live_backup_value';

let f: ApiFixture;
let dialogs: FakeDialogs;

beforeEach(async () => {
  dialogs = new FakeDialogs();
  f = await createApiFixture({ fileDialogs: createFileDialogs(dialogs) });
  value(await f.api['tenant:add']({ name: 'acme' }));
  value(await f.api['environment:add']({ tenant: 'acme', name: 'prod' }));
  value(await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'stripe', secret: SECRET }));
});

afterEach(() => f.close());

const isPosix = process.platform !== 'win32';

async function saveBackup(): Promise<string> {
  const path = join(f.dir, 'vault.keyturn-backup');
  dialogs.answers.push(path);
  expect(value(await f.api['backup:save']({ currentPassword: API_PASSWORD, passphrase: PASSPHRASE }))).toEqual({
    saved: true,
    path,
    tenants: 1,
    tokens: 1,
  });
  return path;
}

async function choose(path: string, api = f.api): Promise<string> {
  dialogs.answers.push(path);
  const chosen = value(await api['backup:choose']({}));
  if (!chosen.chosen) throw new Error('not chosen');
  return chosen.handle;
}

function tokensIn(path: string, password: string): string[] {
  const file = openVault(path, { policy: TEST_KDF_POLICY });
  try {
    const vault = file.unlock(password);
    const labels = vault.listTokens().map((t) => `${t.label}=${vault.openSecret(t.id)}`);
    vault.lock();
    return labels.sort();
  } finally {
    file.close();
  }
}

describe('saving a backup', () => {
  it('re-checks the master password and wants a passphrase of its own, before any dialog', async () => {
    expect(errorCode(await f.api['backup:save']({ currentPassword: 'wrong', passphrase: PASSPHRASE }))).toBe(
      'VAULT_WRONG_PASSWORD',
    );
    const same = await f.api['backup:save']({ currentPassword: API_PASSWORD, passphrase: API_PASSWORD });
    if (same.ok) throw new Error('took the master password as the passphrase');
    expect(same.error.message).toBe(
      'Choose a backup passphrase different from your master password; nothing was saved.',
    );
    expect(errorCode(await f.api['backup:save']({ currentPassword: API_PASSWORD, passphrase: 'short' }))).toBe(
      'INVALID_INPUT',
    );
    expect(dialogs.shown).toEqual([]);
  });

  it('writes a sealed, owner-only file and audits it', async () => {
    const path = await saveBackup();
    expect(readFileSync(path, 'utf8')).not.toContain(SECRET);
    if (isPosix) expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(dialogs.shown[0]?.defaultPath).toMatch(/^keyturn-\d{4}-\d\d-\d\d\.keyturn-backup$/);
    const audit = f.vault().listAudit().at(-1);
    expect(audit).toMatchObject({
      action: 'export',
      detail: 'test encrypted backup of 1 tokens to vault.keyturn-backup',
    });
  });
});

describe('restoring a backup', () => {
  it('changes nothing with a wrong passphrase or a damaged backup', async () => {
    const path = await saveBackup();
    const damaged = join(f.dir, 'damaged.keyturn-backup');
    const text = readFileSync(path, 'utf8');
    writeFileSync(
      damaged,
      text.replace(/"sealed":"(.)/, (_all, c: string) => `"sealed":"${c === 'A' ? 'B' : 'A'}`),
    );
    const before = f.hashFiles();
    const handle = await choose(path);
    const wrong = await f.api['backup:inspect']({ handle, passphrase: 'not the passphrase' });
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'VAULT_WRONG_PASSWORD', message: 'Wrong backup passphrase, or the backup is damaged' },
    });
    const replacing = { tenants: 1, environments: 1, tokens: 1 };
    const args = { handle, currentPassword: API_PASSWORD, replacing };
    expect(errorCode(await f.api['backup:replace']({ ...args, passphrase: 'nope' }))).toBe('VAULT_WRONG_PASSWORD');
    const broken = await choose(damaged);
    expect(errorCode(await f.api['backup:replace']({ ...args, handle: broken, passphrase: PASSPHRASE }))).toBe(
      'VAULT_WRONG_PASSWORD',
    );
    expect(f.hashFiles()).toBe(before);
    expect(tokensIn(f.context.vaultPath, API_PASSWORD)).toEqual([`stripe=${SECRET}`]);
    expect(f.context.session.current().state).toBe('unlocked');
  });

  it('says what the backup holds and what a replace removes, and refuses a stale confirmation', async () => {
    const handle = await choose(await saveBackup());
    value(await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'later', secret: 'sk-later' }));
    const contents = value(await f.api['backup:inspect']({ handle, passphrase: PASSPHRASE }));
    expect(contents).toMatchObject({
      backup: { tenants: 1, environments: 1, tokens: 1 },
      current: { tenants: 1, environments: 1, tokens: 2 },
    });
    const stale = await f.api['backup:replace']({
      handle,
      passphrase: PASSPHRASE,
      currentPassword: API_PASSWORD,
      replacing: { tenants: 1, environments: 1, tokens: 1 },
    });
    if (stale.ok) throw new Error('replaced on a stale confirmation');
    expect(stale.error.message).toBe(
      'The vault changed since you confirmed: it now holds 1 tenants, 1 environments and 2 tokens. Nothing was replaced; confirm again.',
    );
    expect(
      errorCode(
        await f.api['backup:replace']({
          handle,
          passphrase: PASSPHRASE,
          currentPassword: 'wrong',
          replacing: contents.current ?? { tenants: 0, environments: 0, tokens: 0 },
        }),
      ),
    ).toBe('VAULT_WRONG_PASSWORD');
  });

  it('will not replace a vault with a rotation half-way', async () => {
    const handle = await choose(await saveBackup());
    const [token] = f.vault().listTokens();
    f.vault().addJournal({ tokenId: token?.id ?? null, operation: 'rotate', state: 'created', data: {} });
    const before = f.hashFiles();
    const refused = await f.api['backup:replace']({
      handle,
      passphrase: PASSPHRASE,
      currentPassword: API_PASSWORD,
      replacing: { tenants: 1, environments: 1, tokens: 1 },
    });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'ROTATION_IN_PROGRESS',
        message:
          'A rotation is still open in this vault; let it finish (Pending work) before replacing the vault. Nothing was replaced.',
      },
    });
    expect(f.hashFiles()).toBe(before);
  });

  it('replaces the vault with the backup, keeps the old file, and stays unlocked with the same password', async () => {
    const handle = await choose(await saveBackup());
    value(await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'later', secret: 'sk-later' }));
    const restored = value(
      await f.api['backup:replace']({
        handle,
        passphrase: PASSPHRASE,
        currentPassword: API_PASSWORD,
        replacing: { tenants: 1, environments: 1, tokens: 2 },
      }),
    );
    expect(restored.restored).toEqual({ tenants: 1, environments: 1, connections: 0, tokens: 1, skipped: 0 });
    expect(restored.status).toMatchObject({ state: 'unlocked', tokenCount: 1 });
    expect(restored.recoveryKey).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{1,4})+$/);
    expect(
      f
        .vault()
        .listTokens()
        .map((t) => t.label),
    ).toEqual(['stripe']);
    value(await f.api['vault:lock']({}));
    expect(tokensIn(f.context.vaultPath, API_PASSWORD)).toEqual([`stripe=${SECRET}`]);
    const previous = restored.previousFile ?? '';
    expect(existsSync(previous)).toBe(true);
    expect(tokensIn(previous, API_PASSWORD)).toEqual(['later=sk-later', `stripe=${SECRET}`]);
    expect(f.context.session.current().state).toBe('locked');
  });

  it('makes a new vault from a backup when there is none, opening with the new password', async () => {
    const path = await saveBackup();
    const dir = tempDir('restore-new');
    const fresh = createTestContext(dir, { fileDialogs: createFileDialogs(dialogs) });
    const api = createApiHandlers(fresh.context);
    expect(value(await api['vault:status']({}))).toMatchObject({ state: 'missing' });
    const handle = await choose(path, api);
    expect(value(await api['backup:inspect']({ handle, passphrase: PASSPHRASE })).current).toBeNull();
    expect(
      errorCode(await api['backup:restore-new']({ handle, passphrase: 'wrong', newPassword: 'new master password' })),
    ).toBe('VAULT_WRONG_PASSWORD');
    expect(existsSync(fresh.context.vaultPath)).toBe(false);
    const restored = value(
      await api['backup:restore-new']({ handle, passphrase: PASSPHRASE, newPassword: 'new master password' }),
    );
    expect(restored).toMatchObject({ status: { state: 'unlocked', tokenCount: 1 }, previousFile: null });
    fresh.context.session.lock('user');
    expect(tokensIn(fresh.context.vaultPath, 'new master password')).toEqual([`stripe=${SECRET}`]);
    expect(
      errorCode(await f.api['backup:restore-new']({ handle: 'x', passphrase: 'p', newPassword: 'abcdefgh' })),
    ).toBe('INVALID_INPUT');
  });
});

describe('a backup the vault cannot take', () => {
  it('leaves the vault and its folder as they were when the restore fails half-way', async () => {
    // A well-sealed backup whose second token the vault's validation refuses (a bidi control).
    const payload = buildBackup(f.vault(), f.clock.now());
    const environment = payload.tenants[0]?.environments[0];
    const first = environment?.tokens[0];
    if (environment === undefined || first === undefined) throw new Error('no token in the backup');
    environment.tokens.push({ ...first, label: 'Acme \u202Edorp' });
    const path = join(f.dir, 'hostile.keyturn-backup');
    writeFileSync(path, sealBackup(payload, PASSPHRASE));
    const files = readdirSync(f.dir).sort();
    const before = f.hashFiles();
    const handle = await choose(path);
    const refused = await f.api['backup:replace']({
      handle,
      passphrase: PASSPHRASE,
      currentPassword: API_PASSWORD,
      replacing: { tenants: 1, environments: 1, tokens: 1 },
    });
    expect(errorCode(refused)).toBe('INVALID_INPUT');
    expect(f.hashFiles()).toBe(before);
    expect(readdirSync(f.dir).sort()).toEqual(files);
    expect(f.context.session.current().state).toBe('unlocked');

    const dir = tempDir('restore-new-hostile');
    const fresh = createTestContext(dir, { fileDialogs: createFileDialogs(dialogs) });
    const api = createApiHandlers(fresh.context);
    const again = await choose(path, api);
    const failed = await api['backup:restore-new']({
      handle: again,
      passphrase: PASSPHRASE,
      newPassword: 'new master password',
    });
    expect(errorCode(failed)).toBe('INVALID_INPUT');
    expect(readdirSync(dir)).toEqual([]);
    expect(value(await api['vault:status']({}))).toMatchObject({ state: 'missing' });
  });
});

describe('saving the recovery key', () => {
  it('saves the key just shown, owner-only, without the window sending it back; once', async () => {
    const { recoveryKey } = value(await f.api['recovery-key:replace']({ currentPassword: API_PASSWORD }));
    const path = join(f.dir, 'recovery.txt');
    dialogs.answers.push(path);
    expect(value(await f.api['recovery-key:save']({}))).toEqual({ saved: true, path });
    expect(readFileSync(path, 'utf8')).toContain(recoveryKey);
    if (isPosix) expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = await f.api['recovery-key:save']({});
    if (again.ok) throw new Error('saved twice');
    expect(again.error.message).toMatch(/^The recovery key is no longer held/);
  });

  it('forgets the key when the vault locks, and keeps it when the user cancels', async () => {
    value(await f.api['recovery-key:replace']({ currentPassword: API_PASSWORD }));
    dialogs.answers.push(null);
    expect(value(await f.api['recovery-key:save']({}))).toEqual({ saved: false });
    value(await f.api['vault:lock']({}));
    value(await f.api['vault:unlock']({ password: API_PASSWORD }));
    expect(errorCode(await f.api['recovery-key:save']({}))).toBe('NOT_FOUND');
    expect(dialogs.shown).toHaveLength(1);
  });
});

describe('copying the recovery key', () => {
  // The clipboard port clears after the clipboard setting (src/main/index.ts reads it per copy; 20 s here).
  it('copies the key just shown through main, clears it as a copied token, audits the copy', async () => {
    const { recoveryKey } = value(await f.api['recovery-key:replace']({ currentPassword: API_PASSWORD }));
    const receipt = value(await f.api['recovery-key:copy']({}));
    expect(receipt).toEqual({ clearsAt: f.clock.now() + 20_000, clearAfterMs: 20_000 });
    expect(JSON.stringify(receipt)).not.toContain(recoveryKey);
    expect(f.os.text).toBe(recoveryKey);
    const copies = f
      .vault()
      .listAudit()
      .filter((entry) => entry.action === 'copy');
    expect(copies.map((entry) => entry.detail)).toEqual(['test copied the recovery key']);
    f.clock.advance(19_999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(f.os.text).toBe(recoveryKey);
    f.clock.advance(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(f.os.text).toBe('');
  });

  it('still saves after a copy; a lock clears the clipboard and forgets the key', async () => {
    const { recoveryKey } = value(await f.api['recovery-key:replace']({ currentPassword: API_PASSWORD }));
    value(await f.api['recovery-key:copy']({}));
    const path = join(f.dir, 'recovery.txt');
    dialogs.answers.push(path);
    expect(value(await f.api['recovery-key:save']({}))).toEqual({ saved: true, path });
    expect(errorCode(await f.api['recovery-key:copy']({}))).toBe('NOT_FOUND');

    value(await f.api['recovery-key:replace']({ currentPassword: API_PASSWORD }));
    value(await f.api['recovery-key:copy']({}));
    expect(f.os.text).not.toBe(recoveryKey);
    value(await f.api['vault:lock']({}));
    await new Promise((resolve) => setImmediate(resolve));
    expect(f.os.text).toBe('');
    value(await f.api['vault:unlock']({ password: API_PASSWORD }));
    expect(errorCode(await f.api['recovery-key:copy']({}))).toBe('NOT_FOUND');
  });
});
