/**
 * Checks for the first-screen record against the list itself: a fresh connection unlocks, reads
 * the record without decrypting the list, then decrypts the whole list and compares. The groups
 * are compared as counts per environment and kind (their order is never read for an answer), the
 * rows as the first rows of the label order, as many as the record holds.
 */
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { TokenView } from '../../src/shared/model';
import { firstScreenRows, firstScreenTag } from '../../src/main/api/first-screen';
import { TokenOrders } from '../../src/main/api/token-order';
import {
  groupFacts,
  mergeGroups,
  type FactGroup,
  type FirstScreenRecord,
} from '../../src/main/vault/first-screen-codec';
import { openVault, type Vault } from '../../src/main/vault/index';
import { TEST_KDF_POLICY } from './vault-policy';

/**
 * One bit of the first or last token-list chunk flipped in the file, its revision kept (a record
 * still matches it; the chunk fails to open). Returns the chunk's id.
 */
export function flipChunkBit(path: string, which: 'first' | 'last', at: number): number {
  const raw = new Database(path);
  try {
    const order = which === 'first' ? 'ASC' : 'DESC';
    const chunk = raw.prepare(`SELECT id, sealed FROM token_chunks ORDER BY id ${order} LIMIT 1`).get() as {
      id: number;
      sealed: Buffer;
    };
    chunk.sealed[at] = (chunk.sealed[at] ?? 0) ^ 1;
    raw.prepare('UPDATE token_chunks SET sealed = ? WHERE id = ?').run(chunk.sealed, chunk.id);
    return chunk.id;
  } finally {
    raw.close();
  }
}

/** Another connection, as the CLI opens one: `use` runs on it, then it is locked and closed. */
export function onAnotherConnection<T>(path: string, password: string, use: (v: Vault) => T): T {
  const file = openVault(path, { policy: TEST_KDF_POLICY });
  const vault = file.unlock(password);
  try {
    return use(vault);
  } finally {
    vault.lock();
    file.close();
  }
}

/** The record as the app renews it, written from the whole list by `v`. */
export function renewRecord(v: Vault): void {
  const orders = new TokenOrders();
  v.writeFirstScreen(firstScreenTag(), (list) => firstScreenRows(list, orders.order(list, 'label')));
}

/** The groups (one per environment and kind, those of several chunks added up) as sorted [environment, kind, revoked, no expiry, expiry times] entries. */
export function groupEntries(groups: readonly FactGroup[]): [string, string, number, number, number[]][] {
  return mergeGroups(groups)
    .map((g): [string, string, number, number, number[]] => [
      g.environmentId,
      g.kind,
      g.revoked,
      g.noExpiry,
      Array.from(g.expiries),
    ])
    .sort((a, b) => (`${a[0]} ${a[1]}` < `${b[0]} ${b[1]}` ? -1 : 1));
}

/**
 * A fresh unlock answers from the record (it is current, the list is not decrypted), and the
 * record equals what the whole list gives; returns it with the list.
 */
export function expectRecordCurrent(
  path: string,
  password: string,
): { record: FirstScreenRecord; list: readonly TokenView[] } {
  return onAnotherConnection(path, password, (v) => {
    const record = v.firstScreen(firstScreenTag());
    expect(record, 'the record is current after the write').not.toBeNull();
    expect(v.isTokenListLoaded()).toBe(false);
    const list = [...v.listTokens()];
    const current = record as FirstScreenRecord;
    expect(groupEntries(current.groups)).toEqual(groupEntries(groupFacts(list)));
    const rows = firstScreenRows(list, new TokenOrders().order(list, 'label'));
    expect(current.rows).toEqual(rows.slice(0, current.rows.length));
    return { record: current, list };
  });
}
