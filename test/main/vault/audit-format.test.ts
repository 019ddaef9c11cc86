/**
 * The audit log's MAC format is part of the file format: a vault written by one version must
 * verify under the next. The MACs are recomputed here from the rows with node:crypto, from the
 * layout docs/vault.md gives, with the audit key held through the test hook; and a broken chain
 * says what broke.
 */
import Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { thrownCode } from '../../support/thrown-code';
import { unlockHoldingKeys, type HeldKeys } from '../../support/held-keys';
import { createTempVault } from '../../support/vault-temp';

interface AuditRow {
  seq: number;
  at: number;
  action: string;
  subject_id: string | null;
  detail: Buffer;
  mac: Buffer;
}

const held: HeldKeys[] = [];
const raws: Database.Database[] = [];
afterEach(() => {
  for (const h of held.splice(0)) {
    h.vault.lock();
    h.db.close();
  }
  for (const raw of raws.splice(0)) raw.close();
});

function loggedVault(): { path: string; h: HeldKeys; raw: Database.Database } {
  const t = createTempVault();
  const tenant = t.vault.addTenant('Acme');
  t.vault.lock();
  const h = unlockHoldingKeys(t.path, t.password);
  held.push(h);
  h.vault.audit('copy', tenant.id, 'copied from the tray');
  h.vault.audit('reveal', null, '');
  const raw = new Database(t.path);
  raws.push(raw);
  return { path: t.path, h, raw };
}

const hmac = (key: Uint8Array, ...parts: Uint8Array[]): Buffer => {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
};

describe('the audit MAC format', () => {
  it('is HMAC-SHA256(audit key, JSON [seq, at, action, subject, detail length] ‖ 0x00 ‖ sealed detail ‖ previous MAC)', () => {
    const { h, raw } = loggedVault();
    const rows = raw
      .prepare('SELECT seq, at, action, subject_id, detail, mac FROM audit ORDER BY seq')
      .all() as AuditRow[];
    expect(rows.length).toBeGreaterThanOrEqual(4);
    let previous: Buffer = Buffer.alloc(32);
    for (const r of rows) {
      const head = Buffer.from(JSON.stringify([r.seq, r.at, r.action, r.subject_id, r.detail.length]), 'utf8');
      const expected = hmac(h.keys.audit, head, Buffer.from([0]), r.detail, previous);
      expect({ seq: r.seq, mac: r.mac.toString('hex') }).toEqual({ seq: r.seq, mac: expected.toString('hex') });
      previous = r.mac;
    }
    const last = rows[rows.length - 1] as AuditRow;
    const headText = `${last.seq}.${hmac(h.keys.audit, Buffer.from(`audit-head/${last.seq}/`, 'utf8'), last.mac).toString('base64url')}`;
    expect(raw.prepare("SELECT value FROM meta WHERE key = 'audit_head'").pluck().get()).toBe(headText);
    expect(h.vault.verifyAudit()).toEqual({ ok: true, entries: rows.length });
  });
});

describe('a broken audit chain', () => {
  it('says an entry is missing when one was deleted', () => {
    const { h, raw } = loggedVault();
    raw.prepare('DELETE FROM audit WHERE seq = 2').run();
    expect(h.vault.verifyAudit()).toMatchObject({ ok: false, firstBrokenSeq: 2, reason: 'an entry is missing' });
  });

  it('says the entry was altered when one was edited', () => {
    const { h, raw } = loggedVault();
    raw.prepare("UPDATE audit SET action = 'verify' WHERE seq = 2").run();
    expect(h.vault.verifyAudit()).toMatchObject({
      ok: false,
      firstBrokenSeq: 2,
      reason: 'the entry was altered, moved or its predecessor removed',
    });
  });

  it('says entries are missing at the end when the log was truncated', () => {
    const { h, raw } = loggedVault();
    const last = raw.prepare('SELECT max(seq) FROM audit').pluck().get() as number;
    raw.prepare('DELETE FROM audit WHERE seq = ?').run(last);
    expect(h.vault.verifyAudit()).toMatchObject({
      ok: false,
      firstBrokenSeq: last,
      reason: 'entries are missing at the end of the log',
    });
  });

  it('says the log is empty when every entry and the head were removed', () => {
    const { h, raw } = loggedVault();
    raw.exec("DELETE FROM audit; DELETE FROM meta WHERE key = 'audit_head';");
    expect(h.vault.verifyAudit()).toEqual({
      ok: false,
      entries: 0,
      firstBrokenSeq: 1,
      reason: 'the log is empty: its entries were removed',
    });
  });

  it('names the damaged entry when its detail does not open', () => {
    const { h, raw } = loggedVault();
    const detail = raw.prepare('SELECT detail FROM audit WHERE seq = 2').pluck().get() as Buffer;
    detail[detail.length - 1] = (detail[detail.length - 1] as number) ^ 1;
    raw.prepare('UPDATE audit SET detail = ? WHERE seq = 2').run(detail);
    expect(thrownCode(() => h.vault.listAudit())).toBe('VAULT_CORRUPT');
    expect(() => h.vault.listAudit()).toThrow('The vault record audit entry 2 is damaged');
  });
});
