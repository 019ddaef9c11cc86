/**
 * The window's first screen after unlock answered from the first-screen record through the real
 * handlers: the outline and the first rows equal what the whole list gives at the same moment,
 * after writes, deletes, a change of lead times, time passing, a write by another connection (it
 * moves the record along), and a chunk written by a writer that does not (then only that chunk is
 * decrypted and the record patched).
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenWindow, VaultOutline } from '../../../src/shared/window-views';
import { DAY_MS, MINUTE_MS } from '../../../src/main/lifecycle/expiry';
import { firstScreenTag, FIRST_SCREEN_ROWS } from '../../../src/main/api/first-screen';
import { LIST_AFTER_FIRST_SCREEN_MS } from '../../../src/main/api/token-window';
import { openVault } from '../../../src/main/vault/index';
import { API_PASSWORD, createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';
import { flipChunkBit } from '../../support/first-screen-check';
import { TEST_KDF_POLICY } from '../../support/vault-policy';

let f: ApiFixture;
let envIds: string[];

beforeEach(async () => {
  f = await createApiFixture();
  const vault = f.vault();
  const acme = vault.addTenant('Acme');
  const beta = vault.addTenant('Beta');
  envIds = [
    vault.addEnvironment(acme.id, 'prod', 'production').id,
    vault.addEnvironment(acme.id, 'dev', 'development').id,
    vault.addEnvironment(beta.id, 'stage', 'staging').id,
  ];
  // The instant the first screens are read: renewed() moves the clock a second. Expiries sit on
  // every boundary from there: expired, exactly now, inside and exactly at each kind's lead time.
  const now = f.clock.now() + 1000;
  const kinds = ['api-key', 'session', 'satellite-token', 'manual'] as const;
  const views = vault.addTokens(
    Array.from({ length: 700 }, (_, i) => ({
      environmentId: envIds[i % 3] as string,
      label: `${i % 2 === 0 ? 'Key' : 'key'} ${(i * 389) % 700}`,
      kind: kinds[i % 4] as (typeof kinds)[number],
      provider: 'manual' as const,
      secret: `s-${i}`,
      expiresAt: i % 9 === 0 ? null : now + ((i % 41) - 10) * (i % 2 === 0 ? DAY_MS : MINUTE_MS),
      expirySource: i % 18 === 0 ? ('user' as const) : null,
    })),
  );
  for (const view of views.filter((_, i) => i % 13 === 0)) vault.updateToken(view.id, { revoked: true });
});

afterEach(() => f.close());

interface Screen {
  readonly outline: VaultOutline;
  readonly rows: Omit<TokenWindow, 'revision'>;
}

async function firstScreen(limit = 100): Promise<Screen> {
  const outline = value(await f.api['vault:outline']({}));
  const { revision: _revision, ...rows } = value(await f.api['tokens:window']({ limit }));
  return { outline, rows };
}

/** The first screen right after an unlock, then again once the whole list is decrypted. */
async function fromRecordAndFromList(): Promise<{ record: Screen; list: Screen; usedRecord: boolean }> {
  value(await f.api['vault:lock']({}));
  value(await f.api['vault:unlock']({ password: API_PASSWORD }));
  const record = await firstScreen();
  const usedRecord = !f.vault().isTokenListLoaded();
  f.vault().listTokens();
  return { record, list: await firstScreen(), usedRecord };
}

/**
 * The record renewed: the api does it on its clock's timer once the list is decrypted (on idle
 * turns after a first screen answered from the record), at most a second after it changed.
 */
async function renewed(): Promise<void> {
  await firstScreen();
  f.clock.advance(LIST_AFTER_FIRST_SCREEN_MS);
  await expect.poll(() => f.vault().isTokenListLoaded()).toBe(true);
  f.clock.advance(1000);
  expect(f.vault().firstScreen(firstScreenTag())).not.toBeNull();
}

describe('the first screen after unlock', () => {
  it('comes from the record without decrypting the list, equal to what the list gives', async () => {
    await renewed();
    const { record, list, usedRecord } = await fromRecordAndFromList();
    expect(usedRecord).toBe(true);
    expect(record).toEqual(list);
    expect(record.rows.rows).toHaveLength(100);
    expect(record.outline.all.revoked).toBeGreaterThan(0);
    expect(record.rows.expiring).toBeGreaterThan(0);
  });

  it('is worked out from the chunks when there was none, without the list, and stored on the turn after the list is decrypted', async () => {
    // A vault from before this record (or whose parts were lost): nothing stored.
    value(await f.api['vault:lock']({}));
    const raw = new Database(f.context.vaultPath);
    raw.prepare("DELETE FROM settings WHERE key LIKE 'first-screen/%'").run();
    raw.close();
    const keysNow = (): unknown[] => {
      const stored = new Database(f.context.vaultPath, { readonly: true });
      const keys = stored.prepare("SELECT key FROM settings WHERE key LIKE 'first-screen/%' ORDER BY key").all();
      stored.close();
      return keys;
    };
    value(await f.api['vault:unlock']({ password: API_PASSWORD }));
    const fromChunks = await firstScreen();
    expect(f.vault().isTokenListLoaded()).toBe(false);
    expect(fromChunks.rows.rows).toHaveLength(100);
    expect(keysNow()).toEqual([]);
    // The list's slices start after the first paint's pause; the renewal is due the moment the list is in.
    f.clock.advance(LIST_AFTER_FIRST_SCREEN_MS);
    await expect.poll(() => f.vault().isTokenListLoaded()).toBe(true);
    expect(await firstScreen()).toEqual(fromChunks);
    f.clock.advance(0);
    // The rows part and one group part (700 tokens: 3 chunks, all in group 0).
    expect(keysNow()).toEqual([{ key: 'first-screen/group/0' }, { key: 'first-screen/rows' }]);
    const { record, list, usedRecord } = await fromRecordAndFromList();
    expect(usedRecord).toBe(true);
    expect(record).toEqual(list);
  });

  it('stays exact as time passes and when the lead times change after the record was written', async () => {
    await renewed();
    for (const step of [5 * MINUTE_MS, 3 * DAY_MS, 20 * DAY_MS]) {
      f.clock.advance(step);
      const { record, list, usedRecord } = await fromRecordAndFromList();
      expect(usedRecord).toBe(true);
      expect(record).toEqual(list);
    }
    f.vault().setSetting('reminders.leadDays', JSON.stringify({ 'api-key': 30, manual: 1 }));
    const { record, list, usedRecord } = await fromRecordAndFromList();
    expect(usedRecord).toBe(true);
    expect(record).toEqual(list);
  });

  it('is renewed after adds, edits, revokes and deletes, and stays exact', async () => {
    await renewed();
    const vault = f.vault();
    const [first, second, third] = value(await f.api['tokens:window']({ limit: 3 })).rows;
    vault.addToken({
      environmentId: envIds[0] as string,
      label: '0 first of all',
      kind: 'manual',
      provider: 'manual',
      secret: 'x',
    });
    vault.updateToken(first?.id ?? '', { label: 'zz moved to the end' });
    vault.updateToken(second?.id ?? '', { revoked: true });
    vault.removeToken(third?.id ?? '');
    await renewed();
    const { record, list, usedRecord } = await fromRecordAndFromList();
    expect(usedRecord).toBe(true);
    expect(record).toEqual(list);
    expect(record.rows.rows[0]?.label).toBe('0 first of all');
    expect(record.rows.rows.map((r) => r.id)).not.toContain(third?.id);
  });

  it("answers from the record another connection's write moved along, exact; and from the record patched when a chunk is stale", async () => {
    await renewed();
    const file = openVault(f.context.vaultPath, { policy: TEST_KDF_POLICY });
    const other = file.unlock(API_PASSWORD);
    other.addToken({
      environmentId: envIds[1] as string,
      label: '00 from the CLI',
      kind: 'manual',
      provider: 'manual',
      secret: 'x',
    });
    other.lock();
    file.close();
    const moved = await fromRecordAndFromList();
    expect(moved.usedRecord).toBe(true);
    expect(moved.record).toEqual(moved.list);
    expect(moved.record.rows.rows[0]?.label).toBe('00 from the CLI');
    // A chunk written by a writer that does not move the record (an older Keyturn): that chunk's
    // part and rows are stale; only it is decrypted and the rest of the record is used.
    const raw = new Database(f.context.vaultPath);
    raw.prepare('UPDATE token_chunks SET rev = rev + 1 WHERE id = (SELECT MIN(id) FROM token_chunks)').run();
    raw.close();
    const stale = await fromRecordAndFromList();
    expect(stale.usedRecord).toBe(true);
    expect(stale.record).toEqual(stale.list);
  });

  it('answers from the list what the record does not hold: a search, another view or sort, rows past it', async () => {
    await renewed();
    value(await f.api['vault:lock']({}));
    value(await f.api['vault:unlock']({ password: API_PASSWORD }));
    const deep = value(await f.api['tokens:window']({ offset: FIRST_SCREEN_ROWS, limit: 10 }));
    expect(f.vault().isTokenListLoaded()).toBe(true);
    expect(deep.offset).toBe(FIRST_SCREEN_ROWS);
    for (const query of [
      { text: 'key 1' },
      { sort: 'expiry' as const },
      { view: { kind: 'environment' as const, environmentId: envIds[2] as string } },
    ]) {
      value(await f.api['vault:lock']({}));
      value(await f.api['vault:unlock']({ password: API_PASSWORD }));
      value(await f.api['tokens:window'](query));
      expect(f.vault().isTokenListLoaded()).toBe(true);
    }
  });

  it('stops using the record when the list turns out damaged: the window is told and then sees the error', async () => {
    await renewed();
    value(await f.api['vault:lock']({}));
    // One bit of a chunk flipped, its revision kept: the record still matches, the chunk fails to open.
    flipChunkBit(f.context.vaultPath, 'first', 30);
    value(await f.api['vault:unlock']({ password: API_PASSWORD }));
    const told = f.events.length;
    await firstScreen();
    f.clock.advance(LIST_AFTER_FIRST_SCREEN_MS);
    await expect.poll(() => f.events.slice(told).some((event) => event.name === 'vault:changed')).toBe(true);
    expect(errorCode(await f.api['tokens:window']({}))).toBe('VAULT_CORRUPT');
    expect(errorCode(await f.api['vault:outline']({}))).toBe('VAULT_CORRUPT');
  });

  it('fails as the list fails when there is no record and a chunk is damaged', async () => {
    value(await f.api['vault:lock']({}));
    const raw = new Database(f.context.vaultPath);
    raw.prepare("DELETE FROM settings WHERE key LIKE 'first-screen/%'").run();
    raw.close();
    const chunkId = flipChunkBit(f.context.vaultPath, 'last', 30);
    value(await f.api['vault:unlock']({ password: API_PASSWORD }));
    const outline = await f.api['vault:outline']({});
    expect(errorCode(outline)).toBe('VAULT_CORRUPT');
    expect(outline.ok ? '' : outline.error.message).toContain(`token list chunk ${chunkId}`);
    expect(errorCode(await f.api['tokens:window']({}))).toBe('VAULT_CORRUPT');
    expect(errorCode(await f.api['tokens:window']({ text: 'key' }))).toBe('VAULT_CORRUPT');
  });

  it('decrypts the rest of the list on idle turns after answering from the record, once the first paint had its time', async () => {
    await renewed();
    value(await f.api['vault:lock']({}));
    value(await f.api['vault:unlock']({ password: API_PASSWORD }));
    await firstScreen();
    for (let turn = 0; turn < 5; turn++) await new Promise((next) => setImmediate(next));
    expect(f.vault().isTokenListLoaded()).toBe(false);
    f.clock.advance(LIST_AFTER_FIRST_SCREEN_MS - 1);
    await new Promise((next) => setImmediate(next));
    expect(f.vault().isTokenListLoaded()).toBe(false);
    f.clock.advance(1);
    await expect.poll(() => f.vault().isTokenListLoaded()).toBe(true);
  });
});
