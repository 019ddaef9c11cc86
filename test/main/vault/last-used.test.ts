import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/vault/migrations';
import { openVault } from '../../../src/main/vault/index';
import type { Vault } from '../../../src/main/vault/types';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { seedVault } from '../../support/vault-seed';
import { createTempVault, type TempVault } from '../../support/vault-temp';
import { thrownCode } from '../../support/thrown-code';

const REVEAL = { action: 'reveal', detail: 'test get' } as const;

function withRaw<T>(path: string, fn: (raw: Database.Database) => T): T {
  const raw = new Database(path);
  try {
    return fn(raw);
  } finally {
    raw.close();
  }
}

interface TokenRows {
  chunk: { id: number; rev: number; sealed: Buffer };
  updatedAt: number;
  lastUsedAt: number | null;
}

function tokenRows(path: string, tokenId: string): TokenRows {
  return withRaw(path, (raw) => {
    const row = raw.prepare('SELECT chunk_id, updated_at, last_used_at FROM tokens WHERE id = ?').get(tokenId) as {
      chunk_id: number;
      updated_at: number;
      last_used_at: number | null;
    };
    const chunk = raw
      .prepare('SELECT id, rev, sealed FROM token_chunks WHERE id = ?')
      .get(row.chunk_id) as TokenRows['chunk'];
    return { chunk, updatedAt: row.updated_at, lastUsedAt: row.last_used_at };
  });
}

/** Every row of every table, for "nothing changed" checks. */
function dump(path: string): string {
  return withRaw(path, (raw) => {
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[];
    const rows = tables.map(({ name }) => [name, raw.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]);
    return JSON.stringify(rows, (_k, value: unknown) =>
      Buffer.isBuffer(value) ? value.toString('hex') : (value as unknown),
    );
  });
}

function seeded(tokens = 300): { t: TempVault; ids: string[] } {
  const t = createTempVault();
  return { t, ids: seedVault(t.vault, tokens).tokenIds };
}

function lastUsedOf(list: readonly { id: string; lastUsedAt: number | null }[], id: string): number | null | undefined {
  return list.find((x) => x.id === id)?.lastUsedAt;
}

describe('recordUse: lastUsedAt as a plaintext column', () => {
  it("records a use without re-sealing the token's chunk or changing updatedAt, with its audit entry", () => {
    const { t, ids } = seeded(20);
    const id = ids[3] as string;
    const before = tokenRows(t.path, id);
    const viewBefore = t.vault.getToken(id);
    t.vault.recordUse(id, 1_700_000_000_000, REVEAL);
    const after = tokenRows(t.path, id);
    console.log(`chunk ${after.chunk.id}: rev ${before.chunk.rev} -> ${after.chunk.rev} after recordUse`);
    expect(after.chunk.rev).toBe(before.chunk.rev);
    expect(after.chunk.sealed.equals(before.chunk.sealed)).toBe(true);
    expect(after.updatedAt).toBe(before.updatedAt);
    expect([before.lastUsedAt, after.lastUsedAt]).toEqual([null, 1_700_000_000_000]);
    const view = t.vault.getToken(id);
    expect(view).toEqual({ ...viewBefore, lastUsedAt: 1_700_000_000_000 });
    expect(viewBefore.lastUsedAt).toBeNull();
    expect(t.vault.listAudit({ limit: 1 })).toMatchObject([{ action: 'reveal', subjectId: id, detail: 'test get' }]);
    expect(t.vault.verifyAudit().ok).toBe(true);
  });

  it('writes the use and its audit entry in one transaction: when the audit fails, neither is written', () => {
    const { t, ids } = seeded(20);
    const id = ids[0] as string;
    t.vault.recordUse(id, 1000, REVEAL);
    const before = dump(t.path);
    const refused = [
      thrownCode(() => t.vault.recordUse(id, 2000, { action: 'reveal', detail: 'x'.repeat(2001) }), 'NO_ERROR'),
      thrownCode(() => t.vault.recordUse(id, 2000, { action: 'peek' as 'reveal', detail: '' }), 'NO_ERROR'),
      thrownCode(() => t.vault.recordUse('no-such-token', 2000, REVEAL), 'NO_ERROR'),
      thrownCode(() => t.vault.recordUse(id, -1, REVEAL), 'NO_ERROR'),
    ];
    expect(refused).toEqual(['INVALID_INPUT', 'INVALID_INPUT', 'NOT_FOUND', 'INVALID_INPUT']);
    // The audit insert itself fails after the last-used UPDATE ran: the UPDATE must roll back.
    withRaw(t.path, (raw) =>
      raw.exec("CREATE TRIGGER audit_refuses BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'refused'); END"),
    );
    const insideTx = thrownCode(() => t.vault.recordUse(id, 3000, REVEAL), 'NO_ERROR');
    withRaw(t.path, (raw) => raw.exec('DROP TRIGGER audit_refuses'));
    console.log(`${refused.length + 1} failed recordUse calls (${[...refused, insideTx].join(', ')}), vault unchanged`);
    expect(insideTx).not.toBe('NO_ERROR');
    expect(dump(t.path)).toBe(before);
    expect(t.vault.getToken(id).lastUsedAt).toBe(1000);
    expect(lastUsedOf(t.vault.listTokens(), id)).toBe(1000);
  });

  it('shows lastUsedAt through getToken, findToken, listTokens and searchTokens, also to a second connection', () => {
    const { t, ids } = seeded(300);
    const [listed, got] = [ids[0] as string, ids[299] as string];
    const other = openVault(t.path, { policy: TEST_KDF_POLICY }).unlock(t.password);
    // Both connections have every chunk cached before the uses are recorded.
    expect(t.vault.listTokens()).toHaveLength(300);
    expect(other.listTokens()).toHaveLength(300);
    expect(other.getToken(got).lastUsedAt).toBeNull();
    t.vault.recordUse(listed, 1111, REVEAL);
    t.vault.recordUse(got, 2222, { action: 'copy', detail: 'tray copy' });
    const check = (v: Vault, who: string): void => {
      expect([who, lastUsedOf(v.listTokens(), listed), lastUsedOf(v.listTokens(), got)]).toEqual([who, 1111, 2222]);
      expect([who, v.getToken(listed).lastUsedAt, v.getToken(got).lastUsedAt]).toEqual([who, 1111, 2222]);
      expect(v.findToken('tok-tenant-b', 'tok-env-1', 'tok-label-299')?.lastUsedAt).toBe(2222);
      expect(lastUsedOf(v.searchTokens('tok-label-0'), listed)).toBe(1111);
      expect(lastUsedOf(v.searchTokens('tok-label-299'), got)).toBe(2222);
    };
    check(t.vault, 'writer');
    check(other, 'reader');
    // The other way round, getToken first: the reader's cached view is refreshed from the row.
    other.recordUse(got, 3333, REVEAL);
    expect(t.vault.getToken(got).lastUsedAt).toBe(3333);
    expect(lastUsedOf(t.vault.listTokens(), got)).toBe(3333);
    expect(t.vault.listTokens().filter((x) => x.lastUsedAt !== null)).toHaveLength(2);
    other.lock();
  });

  it('never moves lastUsedAt backwards, but audits every use', () => {
    const { t, ids } = seeded(5);
    const id = ids[1] as string;
    const audits = t.vault.listAudit().length;
    t.vault.recordUse(id, 5000, REVEAL);
    t.vault.recordUse(id, 4000, REVEAL);
    expect(t.vault.getToken(id).lastUsedAt).toBe(5000);
    expect(tokenRows(t.path, id).lastUsedAt).toBe(5000);
    expect(t.vault.listAudit().length).toBe(audits + 2);
    t.vault.recordUse(id, 6000, REVEAL);
    expect(lastUsedOf(t.vault.listTokens(), id)).toBe(6000);
  });

  it('keeps recorded uses through edits, inserts and removals that re-seal the same chunk', () => {
    const { t, ids } = seeded(10);
    const [a, b, c] = ids as [string, string, string];
    t.vault.listTokens();
    t.vault.recordUse(a, 100, REVEAL);
    t.vault.recordUse(b, 200, REVEAL);
    const edited = t.vault.updateToken(a, { notes: 'edited' });
    expect(edited.lastUsedAt).toBe(100);
    const env = t.vault.getToken(c).environmentId;
    t.vault.addToken({ environmentId: env, label: 'new one', kind: 'manual', provider: 'manual', secret: 's' });
    t.vault.removeToken(c);
    expect([lastUsedOf(t.vault.listTokens(), a), lastUsedOf(t.vault.listTokens(), b)]).toEqual([100, 200]);
    const again = openVault(t.path, { policy: TEST_KDF_POLICY }).unlock(t.password);
    expect([lastUsedOf(again.listTokens(), a), again.getToken(b).lastUsedAt]).toEqual([100, 200]);
    again.lock();
  });

  it('migrates a schema-3 vault to 4 (backup first) and keeps the lastUsedAt sealed in its chunk', () => {
    const { t, ids } = seeded(10);
    const [sealedOnly, unused] = ids as [string, string];
    // Before v4 a use was written into the sealed chunk: a re-seal after a use puts it there.
    t.vault.recordUse(sealedOnly, 7000, REVEAL);
    t.vault.updateToken(sealedOnly, { notes: 'sealed with its last use' });
    t.vault.lock();
    withRaw(t.path, (raw) => {
      raw.exec('DROP INDEX tokens_last_used; ALTER TABLE tokens DROP COLUMN last_used_at; DROP INDEX journal_open;');
      raw.pragma('user_version = 3');
    });
    const file = openVault(t.path, { policy: TEST_KDF_POLICY });
    expect(existsSync(`${t.path}.v3.bak`)).toBe(true);
    expect(file.summary().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const v = file.unlock(t.password);
    expect(v.getToken(sealedOnly).lastUsedAt).toBe(7000);
    expect(lastUsedOf(v.listTokens(), sealedOnly)).toBe(7000);
    expect(tokenRows(t.path, sealedOnly).lastUsedAt).toBeNull();
    v.recordUse(sealedOnly, 6000, REVEAL);
    expect(v.getToken(sealedOnly).lastUsedAt).toBe(7000);
    v.recordUse(sealedOnly, 8000, REVEAL);
    v.recordUse(unused, 9000, REVEAL);
    expect([lastUsedOf(v.listTokens(), sealedOnly), v.getToken(unused).lastUsedAt]).toEqual([8000, 9000]);
    file.close();
  });
});
