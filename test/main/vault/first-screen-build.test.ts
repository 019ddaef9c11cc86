/**
 * The first-screen record worked out from the chunks without a view per token
 * (first-screen-build.ts): a chunk's columns give the same tokens and the same facts as its full
 * decode, and refuse the same damage; over a real vault file with real crypto, a vault with no
 * record (or no rows part) gets the counts and the first rows a full decrypt and sort give,
 * duplicate labels, equal ages, numbered labels, accents and case included, with fewer tokens than
 * a page and with none; rows carry uses recorded since; a damaged chunk fails as the list fails.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyturnError } from '../../../src/shared/errors';
import { EXPIRY_SOURCES, PROVIDER_IDS, TOKEN_KINDS, type TokenView } from '../../../src/shared/model';
import { firstScreenRows, firstScreenTag, FIRST_SCREEN_ROWS } from '../../../src/main/api/first-screen';
import { TokenOrders } from '../../../src/main/api/token-order';
import { columnsOfViews, firstByLabel } from '../../../src/main/vault/first-screen-build';
import { groupFacts, groupFactsOfColumns } from '../../../src/main/vault/first-screen-codec';
import { compareLabels, compareTokensByLabel } from '../../../src/main/vault/label-order';
import type { Vault } from '../../../src/main/vault/index';
import { decodeChunkColumns, decodeTokens, encodeTokens } from '../../../src/main/vault/token-codec';
import { flipChunkBit, groupEntries, onAnotherConnection, renewRecord } from '../../support/first-screen-check';
import { seededRandom } from '../../support/app-link-fuzz';
import { createTempVault, type TempVault } from '../../support/vault-temp';

const LABELS = ['key 2', 'key 10', 'Key 2', 'émile', 'Emile', 'EMILE', 'zeta', 'Ångström', 'a', 'key 007', 'key 7'];
/** Labels distinct in one environment (the vault refuses the same label, case folded, twice in one). */
const BASES = ['key 2', 'key 10', 'émile', 'emile', 'zeta', 'ångström', 'a', 'key 007', 'key 7'];
/** The same label in each environment, in another case: equal in the label order, so ties fall to age, then id. */
const CASES = [
  (l: string): string => l,
  (l: string): string => l.toUpperCase(),
  (l: string): string => l[0]?.toUpperCase() + l.slice(1),
];

function randomViews(next: () => number, count: number): TokenView[] {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const time = (): number | null => (next() < 0.3 ? null : Math.floor(next() * 2e12));
  return Array.from({ length: count }, (_, i) => ({
    id: `tok-${Math.floor(next() * 1e9).toString(36)}-${i}`,
    tenantId: pick(['ten-a', 'ten-b']),
    environmentId: pick(['env-1', 'env-2', 'env-3', 'env-4']),
    label: `${pick(LABELS)}${next() < 0.5 ? '' : ` ${Math.floor(next() * 20)}`}`,
    kind: pick(TOKEN_KINDS),
    provider: pick(PROVIDER_IDS),
    connectionId: next() < 0.5 ? null : pick(['con-1', 'con-2']),
    providerKeyId: next() < 0.5 ? null : `pk-${i}`,
    expiresAt: time(),
    expirySource: next() < 0.4 ? null : pick(EXPIRY_SOURCES),
    lastVerifiedAt: time(),
    lastUsedAt: time(),
    rotationPolicy: next() < 0.6 ? null : pick([{ everyDays: 30 }, { daysBeforeExpiry: 7, graceMinutes: 5 }]),
    tags: next() < 0.5 ? [] : pick([['a'], ['b', 'c']]),
    notes: next() < 0.7 ? '' : `note\nline ${i}`,
    revoked: next() < 0.15,
    createdAt: next() < 0.3 ? 1000 : Math.floor(next() * 5) * 1000,
    updatedAt: Math.floor(next() * 1e12),
  }));
}

describe('a chunk read as columns', () => {
  it('gives the tokens and the facts of the full decode, on random chunks', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = seededRandom(seed);
      const views = randomViews(next, Math.floor(next() * 300));
      const data = encodeTokens(views);
      const decoded = decodeTokens(data);
      const columns = decodeChunkColumns(data);
      expect(columns.count, `seed ${seed}`).toBe(decoded.length);
      for (let i = 0; i < decoded.length; i++) expect(columns.tokenAt(i), `seed ${seed} #${i}`).toEqual(decoded[i]);
      expect(groupFactsOfColumns(columns), `seed ${seed}`).toEqual(groupFacts(decoded));
      expect(groupFactsOfColumns(columnsOfViews(decoded)), `seed ${seed}`).toEqual(groupFacts(decoded));
      data.fill(0);
      if (decoded.length > 0) expect(columns.tokenAt(decoded.length - 1)).toEqual(decoded[decoded.length - 1]);
    }
  });

  it('selects the first rows of the label order across chunks, bounded or not, as a full sort does', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const next = seededRandom(seed * 7);
      const chunks = Array.from({ length: 1 + Math.floor(next() * 5) }, () =>
        randomViews(next, Math.floor(next() * 120)),
      );
      const all = chunks.flat().sort(compareTokensByLabel);
      const byChunk = new Map(chunks.map((views, i) => [i + 10, decodeChunkColumns(encodeTokens(views))]));
      for (const count of [0, 1, 50, 200, 1000]) {
        const rows = firstByLabel(byChunk, count, null);
        expect(rows.map((r) => r.view)).toEqual(all.slice(0, count));
        for (const row of rows) expect(chunks[row.chunk - 10]?.some((t) => t.id === row.view.id)).toBe(true);
      }
      const bound = all[Math.floor(all.length / 2)];
      if (bound === undefined) continue;
      const upTo = all.filter((t) => compareTokensByLabel(t, bound) <= 0);
      expect(firstByLabel(byChunk, 1000, bound).map((r) => r.view)).toEqual(upTo);
    }
  });

  it('refuses what the full decode refuses', () => {
    const next = seededRandom(99);
    const data = encodeTokens(randomViews(next, 40));
    const damaged: Uint8Array[] = [
      data.subarray(0, 5),
      data.subarray(0, data.length - 1),
      Uint8Array.from(data, (b, i) => (i === 0 ? 9 : b)),
      // An unknown kind, then an unknown provider, then an unknown expiry source.
      Uint8Array.from(data, (b, i) => (i === data.length - 160 ? 250 : b)),
      Uint8Array.from(data, (b, i) => (i === data.length - 120 ? 250 : b)),
      Uint8Array.from(data, (b, i) => (i === data.length - 80 ? 254 : b)),
      // Invalid UTF-8 in the strings.
      Uint8Array.from(data, (b, i) => (i === 12 ? 0xff : b)),
      // One separator more, one less (the strings no longer fill nine columns).
      Uint8Array.from(data, (b, i) => (i === 12 ? 0 : b)),
      Uint8Array.from(data, (b, i) => (i === Buffer.from(data).indexOf(0, 9) ? 0x78 : b)),
    ];
    for (const bytes of damaged) {
      expect(() => decodeTokens(bytes)).toThrow();
      expect(() => decodeChunkColumns(bytes)).toThrow();
    }
    const policy = encodeTokens([{ ...(decodeTokens(data)[0] as TokenView), rotationPolicy: { everyDays: 3 } }]);
    const text = Buffer.from(policy).indexOf('{"everyDays":3}');
    const broken = Uint8Array.from(policy, (b, i) => (i === text ? 0x5b : b)); // '[' for '{': not JSON
    expect(() => decodeTokens(broken)).toThrow();
    expect(() => decodeChunkColumns(broken)).toThrow();
  });
});

describe('a vault with no first-screen record', () => {
  let t: TempVault;

  afterEach(() => {
    if (!t.vault.isLocked) t.vault.lock();
  });

  /** A vault of `count` tokens whose labels repeat, number and fold case and accents; some revoked, some without expiry. */
  function vaultOf(count: number, batches = 3): void {
    t = createTempVault();
    const tenant = t.vault.addTenant('Acme');
    const envs = [
      t.vault.addEnvironment(tenant.id, 'prod', 'production').id,
      t.vault.addEnvironment(tenant.id, 'dev', 'development').id,
      t.vault.addEnvironment(tenant.id, 'stage', 'staging').id,
    ];
    const kinds = ['api-key', 'session', 'manual'] as const;
    const now = Date.now();
    // Several batches: each addTokens gives its tokens one creation time, so ties fall to the id.
    for (let b = 0; b < batches; b++) {
      const size = Math.ceil(count / batches);
      const from = b * size;
      if (from >= count) break;
      const views = t.vault.addTokens(
        Array.from({ length: Math.min(size, count - from) }, (_, j) => {
          const i = from + j;
          return {
            environmentId: envs[i % 3] as string,
            label: labelOf(i),
            kind: kinds[i % 3] as (typeof kinds)[number],
            provider: 'manual' as const,
            secret: `s-${i}`,
            expiresAt: i % 4 === 0 ? null : now + ((i % 50) - 10) * 86_400_000,
          };
        }),
      );
      for (const view of views.filter((_, j) => j % 9 === 0)) t.vault.updateToken(view.id, { revoked: true });
    }
    t.vault.lock();
  }

  /** Token i's label: every environment (i % 3) gets the same labels, each in its own case. */
  function labelOf(i: number): string {
    const q = Math.floor(i / 3);
    const base = `${BASES[q % BASES.length] as string} ${Math.floor(q / BASES.length) % 40}`;
    return (CASES[i % 3] as (l: string) => string)(base) + (q >= 40 * BASES.length ? ` ${q}` : '');
  }

  function dropRecord(which = 'first-screen/%'): void {
    const raw = new Database(t.path);
    raw.prepare('DELETE FROM settings WHERE key LIKE ?').run(which);
    raw.close();
  }

  const elsewhere = <T>(use: (v: Vault) => T): T => onAnotherConnection(t.path, t.password, use);

  /** The record a fresh unlock reads, and what the full list gives; the list is not decrypted for the record. */
  function recordAndList(): void {
    const expected = elsewhere((v) => {
      const list = v.listTokens();
      return {
        groups: groupEntries(groupFacts(list)),
        rows: firstScreenRows(list, new TokenOrders().order(list, 'label')),
      };
    });
    elsewhere((v) => {
      const record = v.firstScreen(firstScreenTag());
      expect(v.isTokenListLoaded()).toBe(false);
      expect(groupEntries(record?.groups ?? [])).toEqual(expected.groups);
      expect(record?.rows).toEqual(expected.rows);
      // Asked again before the list is loaded (the outline, then the rows): the same record.
      expect(v.firstScreen(firstScreenTag())?.rows).toEqual(expected.rows);
    });
  }

  it('reads the counts and the first rows from the chunks, equal to the full path', () => {
    vaultOf(1300);
    dropRecord();
    recordAndList();
    const rows = elsewhere((v) => v.firstScreen(firstScreenTag())?.rows ?? []);
    expect(rows).toHaveLength(FIRST_SCREEN_ROWS);
    // Labels equal in the label order (case folded) with equal creation times are among them: ties fall to the id.
    const ties = rows.filter((r, i) => {
      const before = rows[i - 1];
      return before !== undefined && compareLabels(before.label, r.label) === 0 && before.createdAt === r.createdAt;
    });
    expect(ties.length).toBeGreaterThan(20);
  });

  it('reads them with fewer tokens than the rows, and with none', () => {
    for (const count of [37, 1, 0]) {
      vaultOf(count);
      dropRecord();
      recordAndList();
      expect(elsewhere((v) => v.firstScreen(firstScreenTag())?.rows.length)).toBe(count);
    }
  });

  it('reads the rows from the chunks when only the rows part is missing, and the counts from the parts', () => {
    vaultOf(900);
    elsewhere(renewRecord);
    dropRecord('first-screen/rows');
    recordAndList();
  });

  it('carries uses recorded since into its rows', () => {
    vaultOf(500);
    const first = elsewhere((v) => {
      const list = v.listTokens();
      return firstScreenRows(list, new TokenOrders().order(list, 'label'))[3] as TokenView;
    });
    elsewhere((v) => v.recordUse(first.id, Date.now() + 5000, { action: 'copy', detail: '' }));
    dropRecord();
    const row = elsewhere((v) => v.firstScreen(firstScreenTag())?.rows[3]);
    expect(row?.id).toBe(first.id);
    expect(row?.lastUsedAt).toBeGreaterThan(Date.now());
    recordAndList();
  });

  it('is patched exactly from the columns when a rows part that held the whole list finds chunks grown past a page', () => {
    for (const more of [120, 600]) {
      vaultOf(60, 1);
      elsewhere(renewRecord);
      const raw = new Database(t.path);
      const old = (raw.prepare("SELECT value FROM settings WHERE key = 'first-screen/rows'").get() as { value: Buffer })
        .value;
      raw.close();
      elsewhere((v) => {
        const env = v.listEnvironments()[0]?.id as string;
        v.addTokens(
          Array.from({ length: more }, (_, i) => ({
            environmentId: env,
            label: `${BASES[i % BASES.length] as string} more ${i}`,
            kind: 'manual' as const,
            provider: 'manual' as const,
            secret: `m-${i}`,
          })),
        );
      });
      // The rows part from before the adds (complete, made from older chunk revisions) put back.
      const put = new Database(t.path);
      put.prepare("UPDATE settings SET value = ? WHERE key = 'first-screen/rows'").run(old);
      put.close();
      recordAndList();
    }
  });

  it('fails on a damaged chunk as the list does, naming the chunk and nothing of its content', () => {
    vaultOf(800);
    dropRecord();
    const chunkId = flipChunkBit(t.path, 'last', 40);
    const failure = (use: (v: Vault) => unknown): KeyturnError => {
      try {
        elsewhere(use);
      } catch (cause) {
        if (cause instanceof KeyturnError) return cause;
        throw cause;
      }
      throw new Error('no failure');
    };
    const fromRecord = failure((v) => v.firstScreen(firstScreenTag()));
    const fromList = failure((v) => v.listTokens());
    expect(fromRecord.code).toBe('VAULT_CORRUPT');
    expect(fromRecord.message).toBe(fromList.message);
    expect(fromRecord.message).toContain(`token list chunk ${chunkId}`);
    expect(fromRecord.message).not.toMatch(/key |émile|s-\d/i);
  });
});
