/**
 * The first-screen record over a real vault file: it is read back only while it describes the
 * chunks on disk, so a write by another connection that did not renew it, a record altered or
 * moved, or one written for another sort is never returned; rows carry uses recorded since.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenView } from '../../../src/shared/model';
import {
  decodeGroupPart,
  decodeRowsPart,
  encodeGroupPart,
  encodeRowsPart,
  groupFacts,
  type FirstScreenRecord,
} from '../../../src/main/vault/first-screen-codec';
import { openVault, type Vault, type VaultFile } from '../../../src/main/vault/index';
import { CodecError } from '../../../src/main/vault/token-codec';
import { groupEntries } from '../../support/first-screen-check';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault, type TempVault } from '../../support/vault-temp';

const TAG = 'test-order';
const DAY = 86_400_000;
/** The writer's sort in these tests: by label, plainly. */
const byLabel = (list: readonly TokenView[]): TokenView[] =>
  [...list].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)).slice(0, 5);

let t: TempVault;
let envId: string;
const opened: VaultFile[] = [];

function reopen(): Vault {
  const file = openVault(t.path, { policy: TEST_KDF_POLICY });
  opened.push(file);
  return file.unlock(t.password);
}

beforeEach(() => {
  t = createTempVault();
  const tenant = t.vault.addTenant('Acme');
  envId = t.vault.addEnvironment(tenant.id, 'prod', 'production').id;
  const other = t.vault.addEnvironment(tenant.id, 'dev', 'development').id;
  const now = Date.now();
  const views = t.vault.addTokens(
    Array.from({ length: 600 }, (_, i) => ({
      environmentId: i % 3 === 0 ? other : envId,
      label: `key ${(i * 7919) % 600}`,
      kind: i % 5 === 0 ? ('session' as const) : ('api-key' as const),
      provider: 'manual' as const,
      secret: `s-${i}`,
      expiresAt: i % 4 === 0 ? null : now + (i - 100) * DAY,
    })),
  );
  for (const view of views.filter((_, i) => i % 11 === 0)) t.vault.updateToken(view.id, { revoked: true });
});

afterEach(() => {
  for (const file of opened.splice(0)) file.close();
  if (!t.vault.isLocked) t.vault.lock();
});

describe('first-screen codec', () => {
  it('round-trips a group part: each member chunk with its revision and its groups, kept apart', () => {
    const list = t.vault.listTokens();
    const members = [
      { id: 16, rev: 4, groups: groupFacts(list.slice(0, 250)) },
      { id: 17, rev: 0, groups: [] },
      { id: 18, rev: 9, groups: groupFacts(list.slice(250)) },
    ];
    const back = decodeGroupPart(encodeGroupPart(members));
    expect(back).toEqual(members);
    const facts = back.flatMap((m) => m.groups);
    expect(facts.reduce((n, g) => n + g.revoked + g.noExpiry + g.expiries.length, 0)).toBe(600);
    expect(decodeGroupPart(encodeGroupPart([]))).toEqual([]);
  });

  it('round-trips the rows part: the tag, the rows with their chunks, the chunk revisions', () => {
    const rows = byLabel(t.vault.listTokens());
    const part = {
      tag: TAG,
      complete: false,
      chunks: [
        { id: 1, rev: 4 },
        { id: 2, rev: 9 },
      ],
      rowChunks: rows.map((_, i) => 1 + (i % 2)),
      rows,
    };
    expect(decodeRowsPart(encodeRowsPart(part))).toEqual(part);
  });

  it('refuses a truncated or unknown part as a codec error', () => {
    const plain = encodeGroupPart([{ id: 1, rev: 1, groups: groupFacts(t.vault.listTokens()) }]);
    expect(() => decodeGroupPart(plain.subarray(0, plain.length - 1))).toThrow(CodecError);
    const other = plain.slice();
    other[0] = 9;
    expect(() => decodeGroupPart(other)).toThrow(CodecError);
    const rows = encodeRowsPart({ tag: TAG, complete: true, chunks: [], rowChunks: [], rows: [] });
    expect(() => decodeRowsPart(rows.subarray(0, rows.length - 1))).toThrow(CodecError);
  });
});

describe('the stored first-screen record', () => {
  const counts = (v: Vault): ReturnType<typeof groupEntries> => groupEntries(groupFacts(v.listTokens()));
  const groupsOf = (record: FirstScreenRecord | null): ReturnType<typeof groupEntries> | undefined =>
    record === null ? undefined : groupEntries(record.groups);

  it('is read back by the next unlock, equal to what the whole list gives, without decrypting the list', () => {
    expect(t.vault.writeFirstScreen(TAG, byLabel)).toBe(true);
    const expected = { groups: counts(t.vault), rows: byLabel(t.vault.listTokens()) };
    t.vault.lock();
    const v = reopen();
    const record = v.firstScreen(TAG);
    expect(v.isTokenListLoaded()).toBe(false);
    expect(groupsOf(record)).toEqual(expected.groups);
    expect(record?.rows).toEqual(expected.rows);
    expect(v.firstScreen('another sort')?.rows).toEqual([]);
  });

  it('is not written again while it describes the list, and is after a change', () => {
    expect(t.vault.writeFirstScreen(TAG, byLabel)).toBe(true);
    expect(t.vault.writeFirstScreen(TAG, byLabel)).toBe(false);
    t.vault.addToken({ environmentId: envId, label: 'aaa first', kind: 'manual', provider: 'manual', secret: 'x' });
    // The write made its chunk's part again, but only this process's label order moves rows along.
    expect(t.vault.firstScreen(TAG)?.rows).toEqual([]);
    expect(groupsOf(t.vault.firstScreen(TAG))).toEqual(counts(t.vault));
    expect(t.vault.writeFirstScreen(TAG, byLabel)).toBe(true);
    expect(t.vault.firstScreen(TAG)?.rows[0]?.label).toBe('aaa first');
  });

  it('never shows rows of another sort after another connection changed, added or removed a token, and still counts exactly', () => {
    const changes: ((v: Vault) => void)[] = [
      (v) => v.addToken({ environmentId: envId, label: 'elsewhere', kind: 'manual', provider: 'manual', secret: 'x' }),
      (v) => v.updateToken(v.listTokens()[5]?.id ?? '', { label: 'renamed elsewhere', revoked: true }),
      (v) => v.removeToken(v.listTokens()[7]?.id ?? ''),
    ];
    for (const change of changes) {
      expect(t.vault.writeFirstScreen(TAG, byLabel)).toBe(true);
      const other = reopen();
      change(other);
      other.lock();
      expect(t.vault.firstScreen(TAG)?.rows).toEqual([]);
      const fresh = reopen();
      const record = fresh.firstScreen(TAG);
      expect(record?.rows).toEqual([]);
      expect(groupsOf(record)).toEqual(counts(fresh));
      fresh.lock();
    }
  });

  it('carries a use recorded since into its rows, as the list does', () => {
    expect(t.vault.writeFirstScreen(TAG, byLabel)).toBe(true);
    const first = byLabel(t.vault.listTokens())[0] as TokenView;
    const other = reopen();
    other.recordUse(first.id, Date.now() + 5000, { action: 'copy', detail: '' });
    other.lock();
    t.vault.lock();
    const v = reopen();
    const row = v.firstScreen(TAG)?.rows[0];
    expect(row?.lastUsedAt).toBe(v.getToken(first.id).lastUsedAt);
    expect(row).toEqual(v.listTokens().find((x) => x.id === first.id));
  });

  it('shows no rows when the rows part is altered by one bit or replaced by another sealed value, and the list still opens', () => {
    expect(t.vault.writeFirstScreen(TAG, byLabel)).toBe(true);
    t.vault.setSetting('theme', 'dark');
    t.vault.lock();
    const raw = new Database(t.path);
    const value = (key: string): Buffer =>
      (raw.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: Buffer }).value;
    const sealed = value('first-screen/rows');
    const flipped = Buffer.from(sealed);
    flipped[40] = (flipped[40] ?? 0) ^ 1;
    const put = (bytes: Buffer): void => {
      raw.prepare('UPDATE settings SET value = ? WHERE key = ?').run(bytes, 'first-screen/rows');
    };
    for (const bytes of [flipped, value('theme')]) {
      put(bytes);
      const v = reopen();
      expect(v.firstScreen(TAG)?.rows).toEqual([]);
      expect(v.listTokens()).toHaveLength(600);
      v.lock();
    }
    put(sealed);
    const v = reopen();
    expect(v.firstScreen(TAG)?.rows).toHaveLength(5);
    raw.close();
  });

  it('shows no rows of another sort when a chunk revision on disk no longer matches them, and counts that chunk from itself', () => {
    expect(t.vault.writeFirstScreen(TAG, byLabel)).toBe(true);
    t.vault.lock();
    const raw = new Database(t.path);
    raw.prepare('UPDATE token_chunks SET rev = rev + 1 WHERE id = (SELECT MIN(id) FROM token_chunks)').run();
    raw.close();
    const v = reopen();
    const record = v.firstScreen(TAG);
    expect(record?.rows).toEqual([]);
    expect(groupsOf(record)).toEqual(counts(v));
  });
});

describe('decrypting the list in slices', () => {
  it("loads a few chunks a call, picks up another connection's writes between slices, and ends equal to a fresh load", () => {
    t.vault.lock();
    const v = reopen();
    expect(v.loadTokens(1)).toBe(false);
    expect(v.isTokenListLoaded()).toBe(false);
    const other = reopen();
    const first = other.listTokens()[0] as TokenView;
    other.updateToken(first.id, { label: 'changed between slices' });
    other.recordUse(first.id, Date.now() + 1000, { action: 'copy', detail: '' });
    other.addToken({
      environmentId: envId,
      label: 'added between slices',
      kind: 'manual',
      provider: 'manual',
      secret: 'x',
    });
    other.lock();
    let calls = 1;
    while (!v.loadTokens(1)) calls += 1;
    expect(calls).toBeGreaterThan(1);
    expect(v.isTokenListLoaded()).toBe(true);
    const fresh = reopen();
    expect(v.listTokens()).toEqual(fresh.listTokens());
    expect(v.listTokens().find((x) => x.id === first.id)?.label).toBe('changed between slices');
  });
});
