/**
 * Moving sealed values of the journal and the audit log: their plaintext columns (a journal row's
 * operation and token, an audit entry's seq) are bound into the associated data, so a tamperer who
 * relabels a row or moves a sealed value to another row gets VAULT_CORRUPT, not a different story.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openVault } from '../../../src/main/vault/index';
import type { Vault } from '../../../src/main/vault/types';
import { thrownCode } from '../../support/thrown-code';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault } from '../../support/vault-temp';

const opened: Database.Database[] = [];
afterEach(() => {
  for (const raw of opened.splice(0)) raw.close();
});

function rawOf(path: string): Database.Database {
  const raw = new Database(path);
  opened.push(raw);
  return raw;
}

interface JournalWorld {
  readonly v: Vault;
  readonly raw: Database.Database;
  readonly tokenA: string;
  readonly tokenB: string;
  /** Two finished rotations of token A: same token, same operation, different rows. */
  readonly first: string;
  readonly second: string;
}

function journalWorld(): JournalWorld {
  const t = createTempVault();
  const tenant = t.vault.addTenant('Acme');
  const env = t.vault.addEnvironment(tenant.id, 'prod', 'production');
  const add = (label: string): string =>
    t.vault.addToken({ environmentId: env.id, label, kind: 'api-key', provider: 'manual', secret: `s-${label}` }).id;
  const tokenA = add('a');
  const tokenB = add('b');
  const journal = (step: string, keyId: string): string =>
    t.vault.addJournal({ tokenId: tokenA, operation: 'rotate', state: step, data: { step, keyId } }).id;
  const first = journal('done', 'key-1');
  const second = journal('promoted', 'key-2');
  return { v: t.vault, raw: rawOf(t.path), tokenA, tokenB, first, second };
}

describe('moving sealed journal values', () => {
  it('opens an untouched journal row', () => {
    const w = journalWorld();
    expect(w.v.getJournal(w.second)).toMatchObject({ operation: 'rotate', data: { keyId: 'key-2' } });
  });

  it('refuses a journal row relabelled from rotate to revoke', () => {
    const w = journalWorld();
    w.raw.prepare("UPDATE journal SET operation = 'revoke' WHERE id = ?").run(w.second);
    expect(thrownCode(() => w.v.getJournal(w.second))).toBe('VAULT_CORRUPT');
    expect(thrownCode(() => w.v.listJournal({ unfinishedOnly: true }))).toBe('VAULT_CORRUPT');
  });

  it('refuses a journal row moved to another token, or to no token', () => {
    const w = journalWorld();
    const move = w.raw.prepare('UPDATE journal SET token_id = ? WHERE id = ?');
    move.run(w.tokenB, w.second);
    expect(thrownCode(() => w.v.getJournal(w.second))).toBe('VAULT_CORRUPT');
    move.run(null, w.second);
    expect(thrownCode(() => w.v.getJournal(w.second))).toBe('VAULT_CORRUPT');
    move.run(w.tokenA, w.second);
    expect(w.v.getJournal(w.second).data).toMatchObject({ keyId: 'key-2' });
  });

  it('refuses journal data swapped between two rows of the same token and operation', () => {
    const w = journalWorld();
    const read = w.raw.prepare('SELECT data FROM journal WHERE id = ?').pluck();
    const write = w.raw.prepare('UPDATE journal SET data = ? WHERE id = ?');
    const [a, b] = [read.get(w.first) as Buffer, read.get(w.second) as Buffer];
    write.run(b, w.first);
    write.run(a, w.second);
    expect(thrownCode(() => w.v.getJournal(w.first))).toBe('VAULT_CORRUPT');
    expect(thrownCode(() => w.v.getJournal(w.second))).toBe('VAULT_CORRUPT');
  });
});

describe('moving sealed audit details', () => {
  it('refuses a detail moved to another entry when the log is read', () => {
    const t = createTempVault();
    t.vault.audit('copy', null, 'copied A');
    t.vault.audit('copy', null, 'copied B');
    const raw = rawOf(t.path);
    const read = raw.prepare('SELECT detail FROM audit WHERE seq = ?').pluck();
    const write = raw.prepare('UPDATE audit SET detail = ? WHERE seq = ?');
    const seqs = (
      raw.prepare("SELECT seq FROM audit WHERE action = 'copy' ORDER BY seq").pluck().all() as number[]
    ).slice(0, 2);
    const [sa, sb] = seqs as [number, number];
    const [a, b] = [read.get(sa) as Buffer, read.get(sb) as Buffer];
    write.run(b, sa);
    write.run(a, sb);
    expect(thrownCode(() => t.vault.listAudit())).toBe('VAULT_CORRUPT');
    expect(t.vault.verifyAudit()).toMatchObject({ ok: false, firstBrokenSeq: sa });
  });
});

describe('splicing the audit chain', () => {
  it('refuses an entry spliced in from a diverged copy of the same vault (same seq, valid MAC)', () => {
    const t = createTempVault();
    for (let i = 0; i < 3; i++) t.vault.audit('copy', null, `shared ${i}`);
    const raw = rawOf(t.path);
    const copyPath = join(t.dir, 'diverged.db');
    raw.prepare('VACUUM INTO ?').run(copyPath);
    const shared = raw.prepare('SELECT max(seq) FROM audit').pluck().get() as number;
    // The copy goes its own way from here: same vault key, same seqs, different entries.
    const copy = openVault(copyPath, { policy: TEST_KDF_POLICY });
    const other = copy.unlock(t.password);
    for (let i = 0; i < 3; i++) other.audit('reveal', null, `on the copy ${i}`);
    for (let i = 0; i < 4; i++) t.vault.audit('copy', null, `on the original ${i}`);
    expect(other.verifyAudit()).toMatchObject({ ok: true });
    expect(t.vault.verifyAudit()).toMatchObject({ ok: true, entries: shared + 4 });

    const target = shared + 2;
    const rawCopy = rawOf(copyPath);
    const foreign = rawCopy.prepare('SELECT at, action, subject_id, detail, mac FROM audit WHERE seq = ?').get(target);
    raw
      .prepare(
        'UPDATE audit SET at = @at, action = @action, subject_id = @subject_id, detail = @detail, mac = @mac WHERE seq = @seq',
      )
      .run({ ...(foreign as object), seq: target });
    // On its own the spliced entry is perfectly valid: its detail opens under the same key and seq.
    expect(t.vault.listAudit().find((entry) => entry.seq === target)?.detail).toBe('on the copy 0');
    expect(t.vault.verifyAudit()).toMatchObject({ ok: false, firstBrokenSeq: target });
    other.lock();
    copy.close();
  });
});

describe('wiping the audit log', () => {
  it('refuses a log emptied together with its MAC head: every vault logs at least its creation', () => {
    const t = createTempVault();
    t.vault.audit('copy', null, 'copied');
    const raw = rawOf(t.path);
    raw.exec("DELETE FROM audit; DELETE FROM meta WHERE key = 'audit_head';");
    expect(t.vault.verifyAudit()).toMatchObject({ ok: false, entries: 0, firstBrokenSeq: 1 });
  });
});
