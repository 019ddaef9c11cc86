/**
 * The first-screen record moved along with each write, in the write's own transaction, by any
 * connection (the CLI opens its own): after an add, an edit of label, kind, expiry or tags, a
 * revoke, a delete, a rotation (a new current version), an import and an environment removed
 * with its tokens, a fresh unlock answers from the record and it equals what the whole list
 * gives. A record that was not current before the write, or written for another order, is not
 * moved and stays unused.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenView } from '../../../src/shared/model';
import { firstScreenTag, FIRST_SCREEN_ROWS } from '../../../src/main/api/first-screen';
import type { Vault } from '../../../src/main/vault/index';
import { compareTokensByLabel } from '../../../src/main/vault/label-order';
import { expectRecordCurrent, onAnotherConnection, renewRecord } from '../../support/first-screen-check';
import { createTempVault, type TempVault } from '../../support/vault-temp';

const DAY = 86_400_000;
let t: TempVault;
let envIds: string[];

beforeEach(() => {
  t = createTempVault();
  const tenant = t.vault.addTenant('Acme');
  envIds = ['prod', 'dev', 'stage'].map(
    (name, i) =>
      t.vault.addEnvironment(tenant.id, name, (['production', 'development', 'staging'] as const)[i] ?? 'staging').id,
  );
  const now = Date.now();
  const views = t.vault.addTokens(
    Array.from({ length: 600 }, (_, i) => ({
      environmentId: envIds[i % 3] as string,
      label: `${i % 2 === 0 ? 'Key' : 'key'} ${(i * 7919) % 600}`,
      kind: i % 5 === 0 ? ('session' as const) : ('api-key' as const),
      provider: 'manual' as const,
      secret: `s-${i}`,
      expiresAt: i % 4 === 0 ? null : now + ((i % 37) - 10) * DAY,
    })),
  );
  for (const view of views.filter((_, i) => i % 11 === 0)) t.vault.updateToken(view.id, { revoked: true });
  renewRecord(t.vault);
  t.vault.lock();
});

afterEach(() => {
  if (!t.vault.isLocked) t.vault.lock();
});

const elsewhere = <T>(use: (v: Vault) => T): T => onAnotherConnection(t.path, t.password, use);
/** The token at `position` of the label order, as the record's rows hold it. */
const rowAt = (position: number): TokenView =>
  elsewhere((v) => v.firstScreen(firstScreenTag())?.rows[position]) as TokenView;
const lastOfAll = (): TokenView => elsewhere((v) => [...v.listTokens()].sort(compareTokensByLabel).at(-1)) as TokenView;

describe('the first-screen record after a write by another connection', () => {
  const writes: [string, (v: Vault) => void][] = [
    ['an add that sorts first', (v) => add(v, '0 first of all')],
    ['an add that sorts after the rows', (v) => add(v, 'zzz last')],
    ['an add of a revoked-later token', (v) => v.updateToken(add(v, '1 soon revoked').id, { revoked: true })],
    ['a rename to the front', (v) => v.updateToken(rowAt(150).id, { label: '00 renamed' })],
    ['a rename from the rows to the end', (v) => v.updateToken(rowAt(3).id, { label: 'zzzz renamed' })],
    ['a rename from beyond the rows into them', (v) => v.updateToken(lastOfAll().id, { label: '000 moved up' })],
    ['an expiry moved', (v) => v.updateToken(rowAt(7).id, { expiresAt: Date.now() + 3 * DAY })],
    ['an expiry dropped', (v) => v.updateToken(rowAt(8).id, { expiresAt: null })],
    ['a kind changed', (v) => v.updateToken(rowAt(9).id, { kind: 'manual' })],
    ['tags and notes', (v) => v.updateToken(rowAt(10).id, { tags: ['a'], notes: 'n' })],
    ['a revoke', (v) => v.updateToken(rowAt(11).id, { revoked: true })],
    ['a delete inside the rows', (v) => v.removeToken(rowAt(12).id)],
    ['a delete beyond the rows', (v) => v.removeToken(lastOfAll().id)],
    ['a rotation', (v) => v.addVersion(rowAt(13).id, 'new', { status: 'current', expiresAt: Date.now() + DAY })],
    ['a secret replaced', (v) => v.replaceSecret(v.listVersions(rowAt(14).id)[0]?.id ?? '', 'again', null)],
    [
      'an import',
      (v) => v.importTokens([newToken('0 imported')], [{ tokenId: rowAt(15).id, secret: 'i', expiresAt: 5 }]),
    ],
    ['an environment removed with its tokens', (v) => v.removeEnvironmentCascade(envIds[2] as string)],
  ];
  for (const [name, write] of writes) {
    it(`is current and exact after ${name}`, () => {
      elsewhere(write);
      const { record, list } = expectRecordCurrent(t.path, t.password);
      // A row that leaves (deleted, renamed past the rows, removed with its environment) is not replaced.
      const shrank = ['a delete inside', 'a rename from the rows', 'an environment'].some((s) => name.startsWith(s));
      if (!shrank) expect(record.rows).toHaveLength(Math.min(FIRST_SCREEN_ROWS, list.length));
    });
  }

  it('stays exact through deletes of its rows, holding fewer of them, until a renewal fills them', () => {
    for (let i = 0; i < 30; i++) elsewhere((v) => v.removeToken(rowAt(0).id));
    expect(expectRecordCurrent(t.path, t.password).record.rows).toHaveLength(FIRST_SCREEN_ROWS - 30);
    elsewhere(renewRecord);
    expect(expectRecordCurrent(t.path, t.password).record.rows).toHaveLength(FIRST_SCREEN_ROWS);
  });

  it('is patched after a write that did not move it (an older writer), exact; rows of another order are not moved', () => {
    const raw = new Database(t.path);
    raw.prepare('UPDATE token_chunks SET rev = rev + 1 WHERE id = (SELECT MIN(id) FROM token_chunks)').run();
    raw.close();
    elsewhere((v) => add(v, '0 after an older writer'));
    expect(expectRecordCurrent(t.path, t.password).record.rows[0]?.label).toBe('0 after an older writer');
    elsewhere((v) => v.writeFirstScreen('another order', (list) => list.slice(0, 5)));
    elsewhere((v) => add(v, '0 after another order'));
    expect(elsewhere((v) => v.firstScreen('another order')?.rows)).toEqual([]);
  });
});

describe('a vault built through Keyturn from empty', () => {
  it('is not what a write into a vault with tokens but no rows part starts one from', () => {
    // A vault filled by a Keyturn from before the rows part: the write cannot know the rows.
    const raw = new Database(t.path);
    raw.prepare("DELETE FROM settings WHERE key = 'first-screen/rows'").run();
    raw.close();
    elsewhere((v) => add(v, 'zzz added last'));
    const check = new Database(t.path, { readonly: true });
    const stored = check.prepare("SELECT count(*) FROM settings WHERE key = 'first-screen/rows'").pluck().get();
    check.close();
    expect(stored).toBe(0);
    const { record, list } = expectRecordCurrent(t.path, t.password);
    expect(record.rows).toHaveLength(Math.min(FIRST_SCREEN_ROWS, list.length));
  });

  it('has its whole record stored, rows part included, before any renewal', () => {
    const fresh = createTempVault();
    const tenant = fresh.vault.addTenant('Beta');
    const env = fresh.vault.addEnvironment(tenant.id, 'prod', 'production').id;
    const token = (label: string, i: number): Parameters<Vault['addToken']>[0] => ({
      environmentId: env,
      label,
      kind: 'api-key',
      provider: 'manual',
      secret: `b-${i}`,
      expiresAt: Date.now() + (i % 9) * DAY,
    });
    // The first write starts the rows part: one token, then a bulk add and a delete move it along.
    const first = fresh.vault.addToken(token('m first', 0));
    fresh.vault.addTokens(
      Array.from({ length: 500 }, (_, i) => token(`${i % 3 === 0 ? 'Key' : 'key'} ${(i * 31) % 500}`, i)),
    );
    fresh.vault.removeToken(first.id);
    fresh.vault.lock();
    const raw = new Database(fresh.path, { readonly: true });
    const stored = raw.prepare("SELECT count(*) FROM settings WHERE key = 'first-screen/rows'").pluck().get();
    raw.close();
    expect(stored).toBe(1);
    const { record, list } = expectRecordCurrent(fresh.path, fresh.password);
    expect(list).toHaveLength(500);
    expect(record.rows).toHaveLength(FIRST_SCREEN_ROWS);
  });
});

function newToken(label: string): Parameters<Vault['addToken']>[0] {
  return { environmentId: envIds[0] as string, label, kind: 'api-key', provider: 'manual', secret: 'x' };
}

function add(v: Vault, label: string): TokenView {
  return v.addToken({ ...newToken(label), expiresAt: Date.now() + 2 * DAY });
}
