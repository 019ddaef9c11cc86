/**
 * The first-screen record in parts (one per group of FIRST_SCREEN_GROUP chunks, one for the rows)
 * over a real vault file with real crypto: a write reseals only the group parts of the chunks it
 * changed (and the rows part); a chunk whose facts are stale is decrypted alone, its group's other
 * members used, and the record patched, equal to what a full decrypt gives (also over random writes
 * with parts left behind at random); a part moved to another group, an older copy, a flipped bit, or
 * a rows part from another vault or collation is never shown, is made again by the next renewal,
 * and the record stays exact.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenView } from '../../../src/shared/model';
import { firstScreenRows, firstScreenTag, FIRST_SCREEN_ROWS } from '../../../src/main/api/first-screen';
import { TokenOrders } from '../../../src/main/api/token-order';
import { FIRST_SCREEN_GROUP, groupFacts, groupOfChunk } from '../../../src/main/vault/first-screen-codec';
import type { Vault } from '../../../src/main/vault/index';
import { groupEntries, onAnotherConnection, renewRecord } from '../../support/first-screen-check';
import { createTempVault, type TempVault } from '../../support/vault-temp';

const DAY = 86_400_000;
const TOKENS = 1200;

let t: TempVault;
let envIds: string[];

/** `count` tokens over both environments, labels spread over the label order. */
function newTokens(count: number, from = 0): Parameters<Vault['addTokens']>[0] {
  const now = Date.now();
  return Array.from({ length: count }, (_, j) => {
    const i = from + j;
    return {
      environmentId: envIds[i % 2] as string,
      label: `${from === 0 ? 'key' : 'more'} ${(j * 7919) % count}`,
      kind: i % 5 === 0 ? ('session' as const) : ('api-key' as const),
      provider: 'manual' as const,
      secret: `s-${i}`,
      expiresAt: i % 4 === 0 ? null : now + ((i % 50) - 10) * DAY,
    };
  });
}

beforeEach(() => {
  t = createTempVault();
  const acme = t.vault.addTenant('Acme');
  envIds = [
    t.vault.addEnvironment(acme.id, 'prod', 'production').id,
    t.vault.addEnvironment(acme.id, 'dev', 'development').id,
  ];
  t.vault.addTokens(newTokens(TOKENS));
  renewRecord(t.vault);
  t.vault.lock();
});

/** Enough tokens added for a second group part (chunks of 256 tokens), the record renewed. */
function growToTwoGroups(): void {
  elsewhere((v) => {
    v.addTokens(newTokens(FIRST_SCREEN_GROUP * 256, TOKENS));
    renewRecord(v);
  });
  expect(storedParts().has('first-screen/group/1')).toBe(true);
}

const groupKeyOf = (chunkId: number): string => `first-screen/group/${groupOfChunk(chunkId)}`;

afterEach(() => {
  if (!t.vault.isLocked) t.vault.lock();
});

type Values = Map<string, Buffer>;

/** The first-screen values stored now, by settings key. */
function storedParts(): Values {
  const raw = new Database(t.path, { readonly: true });
  try {
    const rows = raw.prepare("SELECT key, value FROM settings WHERE key LIKE 'first-screen/%'").all() as {
      key: string;
      value: Buffer;
    }[];
    return new Map(rows.map((r) => [r.key, r.value]));
  } finally {
    raw.close();
  }
}

function changedKeys(before: Values, after: Values): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => !(before.get(k)?.equals(after.get(k) ?? Buffer.alloc(0)) ?? false)).sort();
}

function onRaw<T>(use: (raw: Database.Database) => T): T {
  const raw = new Database(t.path);
  try {
    return use(raw);
  } finally {
    raw.close();
  }
}

function putSetting(key: string, value: Buffer): void {
  onRaw((raw) => raw.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, value));
}

function chunkOf(tokenId: string): number {
  return onRaw(
    (raw) => (raw.prepare('SELECT chunk_id FROM tokens WHERE id = ?').get(tokenId) as { chunk_id: number }).chunk_id,
  );
}

function tokensIn(chunkId: number): TokenView[] {
  return elsewhere((v) => v.listTokens().filter((x) => chunkOf(x.id) === chunkId));
}

/** Every chunk's sealed value but `spare`'s altered in one byte, revisions kept: opening one fails. */
function damageChunksBut(spare: ReadonlySet<number>): void {
  onRaw((raw) => {
    const chunks = raw.prepare('SELECT id, sealed FROM token_chunks').all() as { id: number; sealed: Buffer }[];
    for (const { id, sealed } of chunks) {
      if (spare.has(id)) continue;
      sealed[30] = (sealed[30] as number) ^ 1;
      raw.prepare('UPDATE token_chunks SET sealed = ? WHERE id = ?').run(sealed, id);
    }
  });
}

const elsewhere = <T>(use: (v: Vault) => T): T => onAnotherConnection(t.path, t.password, use);

/** What a full decrypt gives: the counts and the first rows of the label order. */
function fullPath(): { groups: ReturnType<typeof groupEntries>; rows: TokenView[]; total: number } {
  return elsewhere((v) => {
    const list = v.listTokens();
    return {
      groups: groupEntries(groupFacts(list)),
      rows: firstScreenRows(list, new TokenOrders().order(list, 'label')),
      total: list.length,
    };
  });
}

/** A fresh unlock's record, and whether reading it decrypted the whole list. */
function freshRecord(): { groups: ReturnType<typeof groupEntries>; rows: readonly TokenView[]; loaded: boolean } {
  return elsewhere((v) => {
    const record = v.firstScreen(firstScreenTag());
    if (record === null) throw new Error('no record');
    return { groups: groupEntries(record.groups), rows: record.rows, loaded: v.isTokenListLoaded() };
  });
}

/** The record equals the full path: the same counts, and rows that are the first of the label order. */
function expectExact(): { rows: readonly TokenView[] } {
  const expected = fullPath();
  const record = freshRecord();
  expect(record.loaded).toBe(false);
  expect(record.groups).toEqual(expected.groups);
  expect(record.rows).toEqual(expected.rows.slice(0, record.rows.length));
  return record;
}

describe('a write and the first-screen parts', () => {
  it('reseals only the group part of the chunk it changed, and the rows part', () => {
    expect(storedParts().size).toBe(2);
    growToTwoGroups();
    const before = storedParts();
    expect(before.size).toBe(3);
    const target = elsewhere((v) => v.listTokens().find((x) => groupOfChunk(chunkOf(x.id)) === 1) as TokenView);
    elsewhere((v) => v.updateToken(target.id, { expiresAt: Date.now() + 3 * DAY }));
    expect(changedKeys(before, storedParts())).toEqual(['first-screen/group/1', 'first-screen/rows']);
    const again = storedParts();
    const added = elsewhere((v) =>
      v.addToken({
        environmentId: envIds[1] as string,
        label: '0 new',
        kind: 'manual',
        provider: 'manual',
        secret: 'x',
      }),
    );
    expect(changedKeys(again, storedParts())).toEqual([groupKeyOf(chunkOf(added.id)), 'first-screen/rows']);
    expect(expectExact().rows[0]?.label).toBe('0 new');
  });
});

describe('a stale chunk', () => {
  it('is decrypted alone and the record patched, equal to what a full decrypt gives', () => {
    const old = storedParts();
    const target = elsewhere((v) => v.listTokens()[600] as TokenView);
    const chunk = chunkOf(target.id);
    const [a, b, c] = tokensIn(chunk).filter((x) => x.id !== target.id);
    elsewhere((v) => {
      v.updateToken(target.id, { label: '000 first now' });
      v.updateToken(a?.id ?? '', { expiresAt: Date.now() + DAY });
      v.updateToken(b?.id ?? '', { revoked: true });
      v.removeToken(c?.id ?? '');
    });
    // As an older Keyturn leaves them: the chunk written, its group part and the rows from before
    // (the group's other members are at their chunks' revisions: used as they are).
    putSetting(groupKeyOf(chunk), old.get(groupKeyOf(chunk)) as Buffer);
    putSetting('first-screen/rows', old.get('first-screen/rows') as Buffer);
    const expected = fullPath();
    damageChunksBut(new Set([chunk]));
    const record = freshRecord();
    expect(record.loaded).toBe(false);
    expect(record.groups).toEqual(expected.groups);
    expect(record.rows).toEqual(expected.rows.slice(0, record.rows.length));
    expect(record.rows.length).toBeGreaterThanOrEqual(FIRST_SCREEN_ROWS - 2);
    expect(record.rows[0]?.label).toBe('000 first now');
    // The other chunks, of the same group, were never opened: they are damaged.
    expect(() => elsewhere((v) => v.listTokens())).toThrow(/damaged/);
  });

  it('is patched exactly after random writes, deletes, relabels, expiry changes and environment moves, with parts left behind at random', () => {
    let seed = 12345;
    const pick = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const someToken = (v: Vault): TokenView => v.listTokens()[pick(v.listTokens().length)] as TokenView;
    const steps: ((v: Vault) => void)[] = [
      (v) =>
        v.addToken({
          environmentId: envIds[pick(2)] as string,
          label: `${['0', 'key', 'Zed', 'a'][pick(4)]} ${pick(1e6)}`,
          kind: 'api-key',
          provider: 'manual',
          secret: 'x',
          expiresAt: pick(3) === 0 ? null : Date.now() + (pick(40) - 10) * DAY,
        }),
      (v) => v.removeToken(someToken(v).id),
      (v) => v.updateToken(someToken(v).id, { label: `${['0', 'key', 'b'][pick(3)]} moved ${pick(1e6)}` }),
      (v) => v.updateToken(someToken(v).id, { expiresAt: pick(3) === 0 ? null : Date.now() + (pick(40) - 10) * DAY }),
      (v) => v.updateToken(someToken(v).id, { revoked: pick(2) === 0, kind: pick(2) === 0 ? 'session' : 'api-key' }),
      (v) => {
        // An environment move, as `keyturn mv` makes it: out of one, into the other.
        const moved = someToken(v);
        v.removeToken(moved.id);
        const { label, kind, provider, expiresAt } = moved;
        const environmentId = envIds.find((id) => id !== moved.environmentId) as string;
        v.addToken({ environmentId, label, kind, provider, secret: 'x', expiresAt });
      },
    ];
    let patched = 0;
    for (let round = 0; round < 16; round++) {
      const old = storedParts();
      elsewhere((v) => {
        for (let i = 0; i < 1 + pick(4); i++) (steps[pick(steps.length)] as (v: Vault) => void)(v);
      });
      // Some parts put back as they were before the writes (stale), some deleted (missing).
      for (const [key, value] of old) {
        const fate = pick(4);
        if (fate === 0) putSetting(key, value);
        if (fate === 1) onRaw((raw) => raw.prepare('DELETE FROM settings WHERE key = ?').run(key));
      }
      if (expectExact().rows.length >= FIRST_SCREEN_ROWS / 2) patched += 1;
      if (round % 5 === 4) elsewhere(renewRecord);
    }
    expect(patched).toBeGreaterThan(8);
  });
});

describe('damaged or foreign parts', () => {
  const renewAndCheckRebuilt = (key: string, bad: Buffer): void => {
    elsewhere((v) => {
      v.firstScreen(firstScreenTag());
      renewRecord(v);
    });
    const now = storedParts().get(key);
    expect(now?.equals(bad)).toBe(false);
    expectExact();
  };

  it('never shows a group part moved to another group, an older copy, or one with a flipped bit, and makes it again', () => {
    growToTwoGroups();
    const one = storedParts().get('first-screen/group/0') as Buffer;
    // Moved: group 0's part under group 1's key (the AAD binds the group).
    putSetting('first-screen/group/1', one);
    expectExact();
    renewAndCheckRebuilt('first-screen/group/1', one);
    // An older copy: chunk 3 written since (its revision moved), its group part put back.
    const older = storedParts().get('first-screen/group/0') as Buffer;
    const inThree = tokensIn(3)[0] as TokenView;
    elsewhere((v) => v.updateToken(inThree.id, { revoked: true }));
    putSetting('first-screen/group/0', older);
    expectExact();
    renewAndCheckRebuilt('first-screen/group/0', older);
    // Flipped bits, anywhere in the sealed value.
    const sealed = storedParts().get('first-screen/group/0') as Buffer;
    for (const at of [0, 10, 23, 24, 40, sealed.length - 17, sealed.length - 1]) {
      const flipped = Buffer.from(sealed);
      flipped[at] = (flipped[at] as number) ^ 1;
      putSetting('first-screen/group/0', flipped);
      expectExact();
    }
    renewAndCheckRebuilt('first-screen/group/0', sealed);
  });

  it('never shows rows from a rows part of another vault or another collation: works them out from the chunks, counts exact, and renews it', () => {
    const other = createTempVault(t.password);
    const env = other.vault.addEnvironment(other.vault.addTenant('Acme').id, 'prod', 'production');
    other.vault.addToken({
      environmentId: env.id,
      label: '0 not this vault',
      kind: 'manual',
      provider: 'manual',
      secret: 'x',
    });
    renewRecord(other.vault);
    other.vault.lock();
    const foreign = new Database(other.path, { readonly: true });
    const rows = (
      foreign.prepare("SELECT value FROM settings WHERE key = 'first-screen/rows'").get() as { value: Buffer }
    ).value;
    foreign.close();
    putSetting('first-screen/rows', rows);
    const fromChunks = expectExact().rows;
    expect(fromChunks).toHaveLength(FIRST_SCREEN_ROWS);
    expect(fromChunks.map((r) => r.label)).not.toContain('0 not this vault');
    renewAndCheckRebuilt('first-screen/rows', rows);
    expect(freshRecord().rows).toHaveLength(FIRST_SCREEN_ROWS);
    // Rows written under another collation are not the label order of this process.
    elsewhere((v) => v.writeFirstScreen('label/xx-collation/200', (list) => list.slice(0, 200)));
    const collated = storedParts().get('first-screen/rows') as Buffer;
    expect(expectExact().rows).toHaveLength(FIRST_SCREEN_ROWS);
    renewAndCheckRebuilt('first-screen/rows', collated);
    expect(freshRecord().rows).toHaveLength(FIRST_SCREEN_ROWS);
  });
});

describe('the records of older Keyturns', () => {
  it('are ignored, and deleted by the next renewal', () => {
    putSetting('first-screen/list', Buffer.from('an old single record'));
    putSetting('first-screen/chunk/1', Buffer.from('an old chunk part'));
    elsewhere((v) =>
      v.addToken({ environmentId: envIds[0] as string, label: '0 x', kind: 'manual', provider: 'manual', secret: 'x' }),
    );
    expectExact();
    elsewhere((v) => {
      v.firstScreen(firstScreenTag());
      renewRecord(v);
    });
    expect(storedParts().has('first-screen/list')).toBe(false);
    expect(storedParts().has('first-screen/chunk/1')).toBe(false);
  });
});
