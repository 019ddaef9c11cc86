/**
 * The lifecycle journal's rows: which count as finished, an updatedAt that never goes back with
 * the clock, and a damaged data value (one that opens but is not a JSON object) reported as
 * VAULT_CORRUPT naming the entry, never thrown as a parser's error.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sealText } from '../../../src/main/vault/crypto';
import { createVault } from '../../../src/main/vault/index';
import { FakeClock } from '../../support/fake-clock';
import { unlockHoldingKeys, type HeldKeys } from '../../support/held-keys';
import { tempDir } from '../../support/temp-dir';
import { thrownCode } from '../../support/thrown-code';
import { TEST_KDF_POLICY } from '../../support/vault-policy';

const PASSWORD = 'correct horse battery staple';
const held: HeldKeys[] = [];
afterEach(() => {
  for (const h of held.splice(0)) {
    h.vault.lock();
    h.db.close();
  }
});

function clockedVault() {
  const clock = new FakeClock(1_000_000);
  const path = join(tempDir('journal'), 'vault.db');
  const { vault } = createVault(path, PASSWORD, { policy: TEST_KDF_POLICY, kdf: 'floor', now: clock.now });
  return { clock, path, vault };
}

describe('journal rows', () => {
  it('lists only unfinished entries when asked: done and abandoned are finished', () => {
    const { vault } = clockedVault();
    const add = (state: string): string => vault.addJournal({ tokenId: null, operation: 'revoke', state, data: {} }).id;
    const [planned, done, abandoned, failed] = ['planned', 'done', 'abandoned', 'revoke-failed'].map(add);
    expect(vault.listJournal({ unfinishedOnly: true }).map((entry) => entry.id)).toEqual([planned, failed]);
    expect(vault.listJournal().map((entry) => entry.id)).toEqual([planned, done, abandoned, failed]);
  });

  it('never moves updatedAt back when the clock does', () => {
    const { clock, vault } = clockedVault();
    const entry = vault.addJournal({ tokenId: null, operation: 'revoke', state: 'planned', data: {} });
    clock.set(500_000);
    expect(vault.updateJournal(entry.id, 'done', {}).updatedAt).toBe(1_000_000);
    expect(vault.getJournal(entry.id).updatedAt).toBe(1_000_000);
    clock.set(2_000_000);
    expect(vault.updateJournal(entry.id, 'done', { n: 1 }).updatedAt).toBe(2_000_000);
  });

  it('answers NOT_FOUND for an unknown entry', () => {
    const { vault } = clockedVault();
    expect(() => vault.getJournal('no-such-entry')).toThrow('No journal entry with that id');
    expect(thrownCode(() => vault.updateJournal('no-such-entry', 'done', {}))).toBe('NOT_FOUND');
  });

  it("lists one token's entries, and says whether it has an unfinished one", () => {
    const { vault } = clockedVault();
    const env = vault.addEnvironment(vault.addTenant('Acme').id, 'prod', 'production');
    const token = (label: string): string =>
      vault.addToken({ environmentId: env.id, label, kind: 'api-key', provider: 'manual', secret: `s-${label}` }).id;
    const [a, b, c] = [token('a'), token('b'), token('c')];
    const add = (tokenId: string | null, state: string): string =>
      vault.addJournal({ tokenId, operation: 'rotate', state, data: {} }).id;
    const [aOpen, , aDone, bDone] = [add(a, 'planned'), add(null, 'planned'), add(a, 'done'), add(b, 'done')];
    expect(vault.listJournal({ tokenId: a }).map((entry) => entry.id)).toEqual([aOpen, aDone]);
    expect(vault.listJournal({ tokenId: a, unfinishedOnly: true }).map((entry) => entry.id)).toEqual([aOpen]);
    expect(vault.listJournal({ tokenId: b }).map((entry) => entry.id)).toEqual([bDone]);
    expect([a, b, c].map((id) => vault.hasOpenJournal(id))).toEqual([true, false, false]);
  });

  it('opens data sealed under the documented associated data (file format: old vaults must keep opening)', () => {
    const { path, vault } = clockedVault();
    const env = vault.addEnvironment(vault.addTenant('Acme').id, 'prod', 'production');
    const tokenId = vault.addToken({
      environmentId: env.id,
      label: 'ci',
      kind: 'api-key',
      provider: 'manual',
      secret: 's',
    }).id;
    const loose = vault.addJournal({ tokenId: null, operation: 'revoke', state: 'planned', data: {} });
    const bound = vault.addJournal({ tokenId, operation: 'rotate', state: 'planned', data: {} });
    vault.lock();
    const h = unlockHoldingKeys(path, PASSWORD);
    held.push(h);
    const raw = new Database(path);
    try {
      const write = (id: string, aad: string): void =>
        void raw.prepare('UPDATE journal SET data = ? WHERE id = ?').run(sealText(h.keys.records, '{"v":1}', aad), id);
      write(loose.id, `journal/${loose.id}/-/revoke/data`);
      write(bound.id, `journal/${bound.id}/${tokenId}/rotate/data`);
      expect([h.vault.getJournal(loose.id).data, h.vault.getJournal(bound.id).data]).toEqual([{ v: 1 }, { v: 1 }]);
    } finally {
      raw.close();
    }
  });

  it('reports data that opens but is not a JSON object as a damaged entry', () => {
    const { path, vault } = clockedVault();
    const entry = vault.addJournal({ tokenId: null, operation: 'revoke', state: 'planned', data: { a: 1 } });
    vault.lock();
    const h = unlockHoldingKeys(path, PASSWORD);
    held.push(h);
    const raw = new Database(path);
    try {
      // Sealed with the right key and associated data, so only its content is wrong.
      for (const content of ['not json', '["an", "array"]', '42']) {
        const sealed = sealText(h.keys.records, content, `journal/${entry.id}/-/revoke/data`);
        raw.prepare('UPDATE journal SET data = ? WHERE id = ?').run(sealed, entry.id);
        expect({ content, code: thrownCode(() => h.vault.getJournal(entry.id)) }).toEqual({
          content,
          code: 'VAULT_CORRUPT',
        });
        expect(() => h.vault.getJournal(entry.id)).toThrow(`The vault record journal entry ${entry.id} is damaged`);
      }
    } finally {
      raw.close();
    }
  });
});
