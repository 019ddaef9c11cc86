import Database from 'better-sqlite3';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyturnError } from '../../../src/shared/errors';
import { openDatabase } from '../../../src/main/vault/database';
import { openVault } from '../../../src/main/vault/index';
import { write } from '../../../src/main/vault/session';
import { tempDir } from '../../support/temp-dir';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault } from '../../support/vault-temp';

/** The KeyturnError `work` threw (anything else fails the test: it would be an internal error). */
function refusal(work: () => unknown): { code: string; message: string } {
  try {
    work();
  } catch (cause) {
    if (cause instanceof KeyturnError) return { code: cause.code, message: cause.message };
    throw cause;
  }
  throw new Error('expected a refusal');
}

/** A closed vault file holding `count` tokens, everything in the main file (no -wal). */
function closedVault(count: number): { path: string; password: string } {
  const t = createTempVault();
  const tenant = t.vault.addTenant('acme');
  const env = t.vault.addEnvironment(tenant.id, 'prod', 'production');
  t.vault.addTokens(
    Array.from({ length: count }, (_, i) => ({
      environmentId: env.id,
      label: `t-${i}`,
      kind: 'api-key' as const,
      provider: 'manual' as const,
      secret: `s-${i}`,
      expiresAt: 1_000 + i,
    })),
  );
  t.vault.lock();
  const raw = new Database(t.path);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return { path: t.path, password: t.password };
}

/** Overwrites whole pages of the file with zeros. */
function zeroPages(path: string, pages: readonly number[], pageSize: number): void {
  const fd = openSync(path, 'r+');
  for (const page of pages) writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
}

describe('SQLite failures get their own codes and sentences', () => {
  it('maps a real SQLITE_FULL (a tiny max_page_count) to VAULT_DISK_FULL naming the file', () => {
    const { path } = closedVault(1);
    const db = openDatabase(path, true);
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
    const insert = db.prepare('INSERT INTO unlock_failures (at) VALUES (?)');
    const full = refusal(() =>
      write(db, () => {
        for (let i = 0; i < 100_000; i++) insert.run(i);
      }),
    );
    db.close();
    expect(full.code).toBe('VAULT_DISK_FULL');
    expect(full.message).toBe(`The disk is full: free some space; nothing was changed (${path})`);
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM unlock_failures').pluck().get()).toBe(0);
    raw.close();
  });

  it('keeps "not a Keyturn vault" for a file that is not SQLite, with the path', () => {
    const path = join(tempDir('not-sqlite'), 'vault.db');
    writeFileSync(path, Buffer.alloc(8192, 0x5a));
    const refused = refusal(() => openVault(path, { policy: TEST_KDF_POLICY }));
    expect(refused).toEqual({ code: 'VAULT_HEADER_INVALID', message: `The file is not a Keyturn vault (${path})` });
  });

  it('reports a damaged index page in the locked summary as VAULT_CORRUPT, not an internal error', () => {
    const { path } = closedVault(2000);
    const raw = new Database(path, { readonly: true });
    const pageSize = Number(raw.pragma('page_size', { simple: true }));
    const indexPages = raw
      .prepare(
        "SELECT pageno FROM dbstat WHERE name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tokens')",
      )
      .pluck()
      .all() as number[];
    raw.close();
    expect(indexPages.length).toBeGreaterThan(3);
    zeroPages(path, indexPages, pageSize);
    const file = openVault(path, { policy: TEST_KDF_POLICY });
    const damaged = refusal(() => {
      const summary = file.summary();
      return [summary.tokenCount, summary.expiringBefore(5_000)];
    });
    file.close();
    expect(damaged.code).toBe('VAULT_CORRUPT');
    expect(damaged.message).toContain('The vault file is damaged');
    expect(damaged.message).toContain(path);
  });

  it('reports a damaged table page at unlock as VAULT_CORRUPT naming the file', () => {
    const { path, password } = closedVault(10);
    const raw = new Database(path, { readonly: true });
    const pageSize = Number(raw.pragma('page_size', { simple: true }));
    const auditPages = raw.prepare("SELECT pageno FROM dbstat WHERE name = 'audit'").pluck().all() as number[];
    raw.close();
    zeroPages(path, auditPages, pageSize);
    const file = openVault(path, { policy: TEST_KDF_POLICY });
    const damaged = refusal(() => file.unlock(password));
    file.close();
    expect(damaged.code).toBe('VAULT_CORRUPT');
    expect(damaged.message).toContain(path);
  });
});
