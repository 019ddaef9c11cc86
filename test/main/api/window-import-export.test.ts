/**
 * The window's .env import (dialog → preview → apply) and plain-text export through the real
 * handlers over a real vault file, with main's file dialogs faked (the user's picks). The preview
 * writes nothing and holds no value; apply is one transaction; export writes an owner-only file.
 */
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileDialogs } from '../../../src/main/electron/file-dialogs';
import { API_PASSWORD, createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';
import { FakeDialogs } from '../../support/fake-dialogs';

let f: ApiFixture;
let dialogs: FakeDialogs;
let environmentId: string;

const DOTENV = [
  '# service keys',
  'NEW_ONE=sk-new-value',
  'SAME=same-value',
  '',
  'CHANGED=the-new-value',
  'EMPTY=',
  'this line is not a variable',
  'DUP=first',
  'MULTI="line one',
  'line two"',
  'export DUP=second',
  'same=same-value',
].join('\n');

beforeEach(async () => {
  dialogs = new FakeDialogs();
  f = await createApiFixture({ fileDialogs: createFileDialogs(dialogs) });
  value(await f.api['tenant:add']({ name: 'acme' }));
  environmentId = value(await f.api['environment:add']({ tenant: 'acme', name: 'prod' })).id;
  value(await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'SAME', secret: 'same-value' }));
  value(await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'CHANGED', secret: 'the-old-value' }));
});

afterEach(() => f.close());

function dotenvFile(text = DOTENV): string {
  const path = join(f.dir, 'service.env');
  writeFileSync(path, text);
  return path;
}

async function secretOf(label: string): Promise<string> {
  const ref = { tenant: 'acme', environment: 'prod', label };
  return value(await f.api['token:secret']({ token: { ref }, purpose: 'get' })).secret;
}

describe('import a .env into an environment', () => {
  it('previews every variable and line with the reason, writing nothing and sending no value', async () => {
    dialogs.answers.push(dotenvFile());
    const before = f.hashFiles();
    const preview = value(await f.api['import:choose']({ environmentId }));
    if (!preview.chosen) throw new Error('not chosen');
    expect(f.hashFiles()).toBe(before);
    expect(dialogs.shown).toEqual([{ kind: 'open', title: 'Import a .env file into acme/prod' }]);
    expect(preview).toMatchObject({ fileName: 'service.env', tenantName: 'acme', environmentName: 'prod' });
    expect(preview.variables.map((v) => [v.line, v.name, v.outcome])).toEqual([
      [2, 'NEW_ONE', 'new'],
      [3, 'SAME', 'skipped'],
      [5, 'CHANGED', 'changed'],
      [6, 'EMPTY', 'skipped'],
      [8, 'DUP', 'skipped'],
      [9, 'MULTI', 'new'],
      [11, 'DUP', 'new'],
      [12, 'same', 'same'],
    ]);
    const reasons = preview.variables.filter((v) => v.outcome === 'skipped').map((v) => v.reason);
    expect(reasons).toEqual([
      'same comes later and names the same token (names ignore case); that one counts.',
      'The value is empty.',
      'Defined again on line 11; the last one counts.',
    ]);
    expect(preview.unreadLines).toEqual([{ line: 7, reason: 'Not a NAME=value line; it was left out.' }]);
    expect(preview.counts).toEqual({ new: 3, same: 1, changed: 1, skipped: 3 });
    expect(JSON.stringify(preview)).not.toMatch(/sk-new-value|the-new-value|same-value|line one/);
  });

  it('applies in one go: new ones added, changed ones only with overwrite, audited', async () => {
    dialogs.answers.push(dotenvFile());
    const first = value(await f.api['import:choose']({ environmentId }));
    if (!first.chosen) throw new Error('not chosen');
    expect(value(await f.api['import:apply']({ handle: first.handle, overwrite: false }))).toEqual({
      added: 3,
      updated: 0,
      unchanged: 1,
      skipped: 1,
    });
    expect(await secretOf('NEW_ONE')).toBe('sk-new-value');
    expect(await secretOf('DUP')).toBe('second');
    expect(await secretOf('MULTI')).toBe('line one\nline two');
    expect(await secretOf('CHANGED')).toBe('the-old-value');
    // The handle is used up.
    const again = await f.api['import:apply']({ handle: first.handle, overwrite: true });
    if (again.ok) throw new Error('applied twice');
    expect(again.error.message).toMatch(/^That import is no longer open/);

    dialogs.answers.push(dotenvFile());
    const second = value(await f.api['import:choose']({ environmentId }));
    if (!second.chosen) throw new Error('not chosen');
    expect(second.counts).toEqual({ new: 0, same: 4, changed: 1, skipped: 3 });
    expect(value(await f.api['import:apply']({ handle: second.handle, overwrite: true }))).toMatchObject({
      updated: 1,
    });
    expect(await secretOf('CHANGED')).toBe('the-new-value');
    const imports = f
      .vault()
      .listAudit()
      .filter((e) => e.action === 'import');
    expect(imports.map((e) => e.detail)).toEqual([
      'test import of 5 variables from service.env',
      'test import of 5 variables from service.env',
    ]);
  });

  it('changes nothing when the user cancels, discards, or the vault locks before apply', async () => {
    dialogs.answers.push(null);
    expect(value(await f.api['import:choose']({ environmentId }))).toEqual({ chosen: false });
    dialogs.answers.push(dotenvFile(), dotenvFile());
    const discarded = value(await f.api['import:choose']({ environmentId }));
    if (!discarded.chosen) throw new Error('not chosen');
    expect(value(await f.api['import:discard']({ handle: discarded.handle }))).toEqual({ discarded: true });
    const locked = value(await f.api['import:choose']({ environmentId }));
    if (!locked.chosen) throw new Error('not chosen');
    const before = f.hashFiles();
    value(await f.api['vault:lock']({}));
    value(await f.api['vault:unlock']({ password: API_PASSWORD }));
    const refused = await f.api['import:apply']({ handle: locked.handle, overwrite: true });
    expect(errorCode(refused)).toBe('NOT_FOUND');
    expect(errorCode(await f.api['import:apply']({ handle: discarded.handle, overwrite: true }))).toBe('NOT_FOUND');
    expect(await secretOf('CHANGED')).toBe('the-old-value');
    expect(f.vault().listTokens()).toHaveLength(2);
    expect(before).not.toBe(''); // the lock and unlock themselves are audited
  });

  it('refuses a file that is not text, and an environment that is gone, with sentences', async () => {
    const binary = join(f.dir, 'image.env');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    dialogs.answers.push(binary);
    const refused = await f.api['import:choose']({ environmentId });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'image.env is not a text file; nothing was read from it.' },
    });
    expect(errorCode(await f.api['import:choose']({ environmentId: 'no-such-environment' }))).toBe('NOT_FOUND');
    expect(dialogs.shown).toHaveLength(1);
    expect(errorCode(await f.api['import:choose']({ environmentId, path: '/etc/passwd' } as never))).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('export an environment as plain text', () => {
  it('needs the plaintext warning acknowledged before any dialog', async () => {
    const refused = await f.api['export:environment']({ environmentId, format: 'dotenv' } as never);
    expect(errorCode(refused)).toBe('INVALID_INPUT');
    expect(dialogs.shown).toEqual([]);
  });

  it('writes .env, shell or JSON owner-only (also over a file others could read), and audits it', async () => {
    const path = join(f.dir, 'out.env');
    writeFileSync(path, 'old content');
    chmodSync(path, 0o644);
    dialogs.answers.push(path);
    const saved = value(
      await f.api['export:environment']({ environmentId, format: 'dotenv', plaintextAcknowledged: true }),
    );
    expect(saved).toEqual({ saved: true, path, tokens: 2, skipped: 0 });
    expect(dialogs.shown[0]).toMatchObject({ kind: 'save', defaultPath: 'acme-prod.env' });
    expect(parse(readFileSync(path, 'utf8'))).toEqual({ SAME: 'same-value', CHANGED: 'the-old-value' });
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    for (const format of ['shell', 'json'] as const) {
      const other = join(f.dir, `out.${format}`);
      dialogs.answers.push(other);
      value(await f.api['export:environment']({ environmentId, format, plaintextAcknowledged: true }));
      expect(readFileSync(other, 'utf8')).toContain(
        format === 'json' ? '"SAME":"same-value"' : "export SAME='same-value'",
      );
    }
    // Each value read is audited as an export too ("test export"); the file's own entry names it.
    const exports = f
      .vault()
      .listAudit()
      .filter((e) => e.action === 'export' && e.detail.includes(' to '));
    expect(exports.map((e) => e.detail)).toEqual([
      'test export of 2 tokens as dotenv to out.env',
      'test export of 2 tokens as shell to out.shell',
      'test export of 2 tokens as json to out.json',
    ]);
  });

  it('says so in a sentence when the file cannot be written, leaving nothing behind', async () => {
    const missing = join(f.dir, 'no-such-folder', 'out.env');
    dialogs.answers.push(missing);
    const refused = await f.api['export:environment']({ environmentId, format: 'dotenv', plaintextAcknowledged: true });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'VAULT_IO', message: `Keyturn could not write ${missing} (ENOENT); nothing was saved there.` },
    });
    expect(
      f
        .vault()
        .listAudit()
        .filter((e) => e.detail.includes(' to ')),
    ).toEqual([]);
  });

  it('writes and audits nothing when the user cancels', async () => {
    dialogs.answers.push(null);
    const before = f.hashFiles();
    expect(
      value(await f.api['export:environment']({ environmentId, format: 'json', plaintextAcknowledged: true })),
    ).toEqual({ saved: false });
    expect(f.hashFiles()).toBe(before);
    expect(existsSync(join(f.dir, 'acme-prod.json'))).toBe(false);
  });
});

describe('the import write', () => {
  it('is all or nothing: one bad update keeps the new tokens out too', () => {
    const vault = f.vault();
    const before = f.hashFiles();
    const add = { environmentId, label: 'ADDED', kind: 'manual', provider: 'manual', secret: 'sk-added' } as const;
    expect(() =>
      vault.importTokens([add], [{ tokenId: 'no-such-token', secret: 'sk-updated', expiresAt: null }]),
    ).toThrow(/No token with that id/);
    expect(f.hashFiles()).toBe(before);
    expect(vault.listTokens().map((t) => t.label)).not.toContain('ADDED');
  });
});
